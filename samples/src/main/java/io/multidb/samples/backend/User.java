package io.multidb.samples.backend;

import io.multidb.dao.Id;
import io.multidb.dao.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A user, as the guide models it: the application assigns the id (a random UUID), so the same user
 * can be copied to several databases under the same key.
 *
 * @param id        the key
 * @param createdAt when the user was created
 * @param updatedAt when the user was last changed
 * @param name      display name
 * @param email     e-mail address
 * @param active    whether the user may log in
 */
@Table("users")
public record User(@Id UUID id, Instant createdAt, Instant updatedAt, String name, String email, boolean active) {
}
