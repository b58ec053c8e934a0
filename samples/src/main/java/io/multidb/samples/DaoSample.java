package io.multidb.samples;

import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import io.multidb.connection.SqlExecutionException;
import io.multidb.dao.Page;
import io.multidb.dao.PageRequest;
import io.multidb.samples.blog.Post;
import io.multidb.samples.blog.PostDao;
import io.multidb.samples.blog.PostSummary;
import io.multidb.samples.blog.User;
import io.multidb.samples.blog.UserDao;
import java.util.Map;

/**
 * DAOs over one H2 database: users and posts with generated ids, timestamps and a foreign key;
 * create, read, update and delete through {@code EntityDao}, a paged listing and typed queries.
 */
public final class DaoSample {
    static final String BLOG = "blog";

    private DaoSample() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        // one label; in production e.g. "connection_string": "postgresql://app:secret@db.internal:5432/blog"
        ConnectionPool.configure(databaseConfigs());
        try {
            createTables();
            try (Session session = DatabaseManager.getSession(BLOG)) {
                UserDao users = new UserDao(session);
                PostDao posts = new PostDao(session);

                System.out.println("\n--- Create ---");
                User ada = users.register("Ada Lovelace", "ada@example.org");
                User grace = users.register("Grace Brewster", "grace@example.org");
                User linus = users.register("Linus", "linus@example.org");
                for (User u : new User[] {ada, grace, linus}) {
                    System.out.println("Registered user #" + u.id() + ": " + u.name() + " <" + u.email() + ">");
                }
                posts.publish(posts.draft(ada, "Notes on the Analytical Engine", "...").id());
                posts.publish(posts.draft(grace, "On compilers", "...").id());
                posts.publish(posts.draft(ada, "Bernoulli numbers", "...").id());
                Post freax = posts.draft(linus, "Freax", "...");                // stays a draft
                posts.publish(posts.draft(grace, "Nanoseconds", "...").id());
                posts.publish(posts.draft(ada, "Poetical science", "...").id());
                posts.draft(grace, "COBOL", "...");                              // stays a draft
                System.out.println("Wrote " + posts.count() + " posts");
                session.commit();

                System.out.println("\n--- Read ---");
                System.out.println("findById(" + grace.id() + "): " + users.findById(grace.id()).map(User::name)
                        .orElse("none"));
                System.out.println("findByEmail(linus@example.org): " + users.findByEmail("linus@example.org")
                        .map(u -> "user #" + u.id()).orElse("none"));
                System.out.println("findById(99): " + users.findById(99L).map(User::name).orElse("none"));

                System.out.println("\n--- Update ---");
                User hopper = users.rename(grace, "Grace Hopper");
                System.out.println("Renamed user #" + hopper.id() + " to " + users.findById(hopper.id())
                        .map(User::name).orElseThrow());
                session.commit();

                System.out.println("\n--- Paged listing of published posts (2 per page) ---");
                Page<PostSummary> page = posts.listPublished(PageRequest.ofSize(2));
                while (true) {
                    System.out.println("Page " + (page.request().page() + 1) + ": " + page.items());
                    if (!page.hasNext()) {
                        break;
                    }
                    page = posts.listPublished(page.request().next());
                }

                System.out.println("\n--- All users, by id (findAll) ---");
                users.findAll(PageRequest.ofSize(10)).items()
                        .forEach(u -> System.out.println("#" + u.id() + " " + u.name()));

                System.out.println("\n--- Typed queries ---");
                posts.authorStats().forEach(s -> System.out.println(s.name() + ": " + s.posts() + " written, "
                        + s.published() + " published"));
                System.out.println("Drafts by Grace Hopper: " + posts.countDrafts(hopper));

                System.out.println("\n--- Delete ---");
                System.out.println("Deleted draft '" + freax.title() + "': " + posts.delete(freax) + "; posts left: "
                        + posts.count());
                session.commit();

                System.out.println("\n--- The foreign key holds ---");
                try {
                    posts.insert(new Post(null, 404L, "Orphan", "...", false, hopper.createdAt(), hopper.createdAt()));
                } catch (SqlExecutionException e) {
                    System.out.println("A post by unknown author 404 was refused: SQLState " + e.sqlState());
                }
            }
        } finally {
            ConnectionPool.closeAllConnections();
        }
    }

    /** @return the sample's configuration: one label, an H2 in-memory database (tests replace it) */
    static Map<String, Object> databaseConfigs() {
        return Map.of(BLOG, Map.of("url", "jdbc:h2:mem:blog", "user", "sa", "pool_size", 2));
    }

    static void createTables() {
        DatabaseManager.inTransaction(BLOG, s -> {
            s.execute("CREATE TABLE users (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                    + " name VARCHAR(100) NOT NULL, email VARCHAR(200) NOT NULL UNIQUE, active BOOLEAN NOT NULL,"
                    + " created_at TIMESTAMP(6) NOT NULL, updated_at TIMESTAMP(6) NOT NULL)");
            s.execute("CREATE TABLE posts (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                    + " author_id BIGINT NOT NULL REFERENCES users (id), title VARCHAR(200) NOT NULL,"
                    + " content VARCHAR(4000) NOT NULL, published BOOLEAN NOT NULL,"
                    + " created_at TIMESTAMP(6) NOT NULL, updated_at TIMESTAMP(6) NOT NULL)");
            return null;
        });
    }
}
