package io.multidb.samples.backend;

import io.multidb.connection.Session;
import io.multidb.dao.EntityDao;
import java.util.UUID;

/** Posts, in the primary database. */
public final class PostDao extends EntityDao<Post, UUID> {

    /**
     * @param session a session on a label that has a {@code posts} table
     */
    public PostDao(Session session) {
        super(session, Post.class, UUID.class);
    }
}
