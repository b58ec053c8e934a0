package io.multidb.samples.blog;

import io.multidb.connection.Session;
import io.multidb.dao.EntityDao;
import java.time.Instant;
import java.util.Optional;

/**
 * Users: the CRUD of {@link EntityDao} plus the queries particular to users. One per session.
 */
public final class UserDao extends EntityDao<User, Long> {

    /**
     * @param session the session to work in
     */
    public UserDao(Session session) {
        super(session, User.class, Long.class);
    }

    /**
     * @param name  display name
     * @param email e-mail address, unique
     * @return the new user, with the id the database assigned
     */
    public User register(String name, String email) {
        Instant now = Instant.now();
        return insert(new User(null, name, email, true, now, now));
    }

    /**
     * @param email an e-mail address
     * @return the user with that address, if any
     */
    public Optional<User> findByEmail(String email) {
        return queryOptional(User.class, "select * from users where email = ?", email);
    }

    /**
     * @param user    a stored user
     * @param newName the new display name
     * @return the user as now stored
     */
    public User rename(User user, String newName) {
        User renamed = new User(user.id(), newName, user.email(), user.active(), user.createdAt(), Instant.now());
        if (!update(renamed)) {
            throw new IllegalArgumentException("No user with id " + user.id());
        }
        return renamed;
    }
}
