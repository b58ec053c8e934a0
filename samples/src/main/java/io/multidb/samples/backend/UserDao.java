package io.multidb.samples.backend;

import io.multidb.connection.Session;
import io.multidb.dao.EntityDao;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Users in whichever database the session belongs to: the same DAO serves the primary, the
 * analytics and the search database (in the guide, one adapter per database; here one dialect per
 * engine, chosen for the session).
 */
public final class UserDao extends EntityDao<User, UUID> {

    /**
     * @param session a session on any label that has a {@code users} table
     */
    public UserDao(Session session) {
        super(session, User.class, UUID.class);
    }

    /**
     * Inserts the user, or overwrites the row with its id: what "make sure the user exists there"
     * needs.
     *
     * @param user the user
     */
    public void save(User user) {
        upsert("users", List.of("id"), Map.of("id", user.id(), "created_at", user.createdAt(), "updated_at",
                user.updatedAt(), "name", user.name(), "email", user.email(), "active", user.active()));
    }
}
