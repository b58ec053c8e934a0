package io.multidb.samples.backend;

/**
 * What registering a user produced.
 *
 * @param user              the user, stored in the primary database
 * @param welcomePost       the welcome post, stored with the user
 * @param copiedToAnalytics whether the best-effort copy to the analytics database succeeded (a
 *                          failure was logged)
 */
public record Registration(User user, Post welcomePost, boolean copiedToAnalytics) {
}
