package io.multidb.samples.blog;

/**
 * How much an author has written: the row type of an aggregate query.
 *
 * @param name      the author's name
 * @param posts     posts written
 * @param published of which published
 */
public record AuthorStats(String name, long posts, long published) {
}
