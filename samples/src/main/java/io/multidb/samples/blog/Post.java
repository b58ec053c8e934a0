package io.multidb.samples.blog;

import io.multidb.dao.Id;
import io.multidb.dao.Table;
import java.time.Instant;

/**
 * A blog post, written by a {@link User} ({@code author_id} is a foreign key to {@code users.id}).
 *
 * @param id        assigned by the database on insert; {@code null} before
 * @param authorId  the author's user id
 * @param title     the title
 * @param content   the text
 * @param published whether readers can see it
 * @param createdAt when it was written
 * @param updatedAt when it was last changed
 */
@Table("posts")
public record Post(@Id(generated = true) Long id, long authorId, String title, String content, boolean published,
        Instant createdAt, Instant updatedAt) {
}
