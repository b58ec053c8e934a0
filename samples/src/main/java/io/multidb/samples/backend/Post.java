package io.multidb.samples.backend;

import io.multidb.dao.Id;
import io.multidb.dao.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A post, as the guide models it.
 *
 * @param id        the key, assigned by the application
 * @param createdAt when it was written
 * @param updatedAt when it was last changed
 * @param title     the title
 * @param content   the text
 * @param authorId  the author's user id
 * @param published whether readers can see it
 */
@Table("posts")
public record Post(@Id UUID id, Instant createdAt, Instant updatedAt, String title, String content, UUID authorId,
        boolean published) {
}
