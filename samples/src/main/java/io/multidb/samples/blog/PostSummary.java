package io.multidb.samples.blog;

/**
 * A line of the published-posts listing: what a typed query over a join maps to.
 *
 * @param title      the post's title
 * @param authorName the author's name ({@code author_name} in the query)
 */
public record PostSummary(String title, String authorName) {
}
