package io.multidb.samples;

import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.samples.backend.Registration;
import io.multidb.samples.backend.SyncReport;
import io.multidb.samples.backend.User;
import io.multidb.samples.backend.UserService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The multi-database backend of the guide the Python library's users follow, in Java: a primary
 * database for users and posts, an analytics database that receives a best-effort copy of each new
 * user, reads from a chosen database, and a "sync to all databases" that reports per database. All
 * three databases are in-memory H2 here.
 */
public final class MultiDatabaseBackendSample {
    static final String PRIMARY = "primary";
    static final String ANALYTICS = "analytics";
    static final String SEARCH = "search";

    private MultiDatabaseBackendSample() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        // In production, per environment, e.g. "connection_string": System.getenv("DATABASE_URL")
        Map<String, Object> databaseConfig = new LinkedHashMap<>();
        databaseConfig.put(PRIMARY, Map.of("url", "jdbc:h2:mem:primary", "user", "sa", "pool_size", 4));
        databaseConfig.put(ANALYTICS, Map.of("url", "jdbc:h2:mem:analytics", "user", "sa", "pool_size", 2));
        databaseConfig.put(SEARCH, Map.of("url", "jdbc:h2:mem:search", "user", "sa", "pool_size", 2));
        ConnectionPool.configure(databaseConfig);
        try {
            createSchemas();
            UserService service = new UserService(PRIMARY, ANALYTICS, List.of(PRIMARY, ANALYTICS, SEARCH));

            System.out.println("\n--- Create a user with a welcome post; analytics gets a copy ---");
            Registration ada = service.createUserWithWelcomePost("Ada Lovelace", "ada@example.org");
            printRegistration(ada);
            printWhereTheUserIs(service, ada.user());

            System.out.println("\n--- The analytics copy fails: logged, and the user is still created ---");
            Registration bart = service.createUserWithWelcomePost("Bartholomew Montgomery-Smythe",
                    "bart@example.org");
            printRegistration(bart);
            printWhereTheUserIs(service, bart.user());

            System.out.println("\n--- Sync to all databases: one outcome per database ---");
            for (User user : List.of(ada.user(), bart.user())) {
                SyncReport report = service.syncUserToAllDatabases(user);
                System.out.println(user.name() + ":");
                report.outcomes().forEach((label, outcome) -> System.out.printf("  %-10s %s%n", label, outcome));
                System.out.println("  all succeeded: " + report.allSucceeded() + "; failed: " + report.failedLabels());
            }
        } finally {
            ConnectionPool.closeAllConnections();
        }
    }

    private static void printRegistration(Registration r) {
        System.out.println("Created " + r.user().name() + " with post '" + r.welcomePost().title() + "' in " + PRIMARY
                + "; copied to " + ANALYTICS + ": " + (r.copiedToAnalytics() ? "yes" : "no (the failure was logged)"));
    }

    private static void printWhereTheUserIs(UserService service, User user) {
        for (String source : List.of(PRIMARY, ANALYTICS, SEARCH)) {
            System.out.printf("  read from %-10s -> %s%n", source, service.getUser(user.id(), source)
                    .map(u -> u.name() + " <" + u.email() + ">").orElse("not found"));
        }
    }

    private static void createSchemas() {
        DatabaseManager.inTransaction(PRIMARY, s -> {
            s.execute("CREATE TABLE users (id UUID PRIMARY KEY, created_at TIMESTAMP(6) NOT NULL,"
                    + " updated_at TIMESTAMP(6) NOT NULL, name VARCHAR(100) NOT NULL, email VARCHAR(200) NOT NULL UNIQUE,"
                    + " active BOOLEAN NOT NULL)");
            s.execute("CREATE TABLE posts (id UUID PRIMARY KEY, created_at TIMESTAMP(6) NOT NULL,"
                    + " updated_at TIMESTAMP(6) NOT NULL, title VARCHAR(200) NOT NULL, content VARCHAR(4000) NOT NULL,"
                    + " author_id UUID NOT NULL REFERENCES users (id), published BOOLEAN NOT NULL)");
            return null;
        });
        // analytics still has the narrow name column of an older schema: long names do not fit
        DatabaseManager.inTransaction(ANALYTICS, s -> s.execute("CREATE TABLE users (id UUID PRIMARY KEY,"
                + " created_at TIMESTAMP(6) NOT NULL, updated_at TIMESTAMP(6) NOT NULL, name VARCHAR(20) NOT NULL,"
                + " email VARCHAR(200) NOT NULL, active BOOLEAN NOT NULL)"));
        DatabaseManager.inTransaction(SEARCH, s -> s.execute("CREATE TABLE users (id UUID PRIMARY KEY,"
                + " created_at TIMESTAMP(6) NOT NULL, updated_at TIMESTAMP(6) NOT NULL, name VARCHAR(100) NOT NULL,"
                + " email VARCHAR(200) NOT NULL, active BOOLEAN NOT NULL)"));
    }
}
