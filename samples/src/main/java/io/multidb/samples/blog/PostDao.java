package io.multidb.samples.blog;

import io.multidb.connection.Session;
import io.multidb.dao.EntityDao;
import io.multidb.dao.Page;
import io.multidb.dao.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Posts: the CRUD of {@link EntityDao}, a paged listing over a join, and typed aggregate queries.
 * One per session.
 */
public final class PostDao extends EntityDao<Post, Long> {

    /**
     * @param session the session to work in
     */
    public PostDao(Session session) {
        super(session, Post.class, Long.class);
    }

    /**
     * @param author  the author
     * @param title   the title
     * @param content the text
     * @return the new draft (not yet published), with its id
     */
    public Post draft(User author, String title, String content) {
        Instant now = Instant.now();
        return insert(new Post(null, author.id(), title, content, false, now, now));
    }

    /**
     * @param postId a post's id
     * @return whether such a post existed
     */
    public boolean publish(long postId) {
        return execute("update posts set published = ?, updated_at = ? where id = ?", true, Instant.now(), postId) == 1;
    }

    /**
     * @param page the page to read
     * @return published posts with their authors' names, oldest first
     */
    public Page<PostSummary> listPublished(PageRequest page) {
        return queryPage(PostSummary.class, "select p.title, u.name as author_name from posts p"
                + " join users u on u.id = p.author_id where p.published = ? order by p.created_at, p.id", page, true);
    }

    /**
     * @return every author with the number of posts written and published, most prolific first
     */
    public List<AuthorStats> authorStats() {
        return queryList(AuthorStats.class, "select u.name, count(p.id) as posts,"
                + " sum(case when p.published = :published then 1 else 0 end) as published"
                + " from users u join posts p on p.author_id = u.id group by u.name order by posts desc, u.name",
                Map.of("published", true));
    }

    /**
     * @param author a user
     * @return how many drafts the user has not published
     */
    public long countDrafts(User author) {
        return count("posts", Map.of("author_id", author.id(), "published", false));
    }
}
