package io.multidb.samples.blog;

import io.multidb.dao.Id;
import io.multidb.dao.Table;
import java.time.Instant;

/**
 * A user of the blog. The database assigns the id; {@code createdAt} is stored in
 * {@code created_at}, and so on.
 *
 * @param id        assigned by the database on insert; {@code null} before
 * @param name      display name
 * @param email     unique e-mail address
 * @param active    whether the user may log in
 * @param createdAt when the user registered
 * @param updatedAt when the user was last changed
 */
@Table("users")
public record User(@Id(generated = true) Long id, String name, String email, boolean active, Instant createdAt,
        Instant updatedAt) {
}
