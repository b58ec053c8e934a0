package io.multidb.samples;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.multidb.connection.CatalogLabelSource;
import io.multidb.connection.FernetSecretResolver;
import io.multidb.connection.LabelScope;
import io.multidb.connection.LabelSource;
import io.multidb.connection.LabelSourceSettings;
import io.multidb.connection.MultiDb;
import io.multidb.connection.MultiDbException;
import io.multidb.connection.NoLabelInScopeException;
import io.multidb.connection.Session;
import io.multidb.connection.UnknownLabelException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A multi-tenant HTTP service: each request names its tenant in the {@code X-Tenant} header and is
 * served from that tenant's own database. It is the Java counterpart of the Python seeds'
 * per-request database selection (a session dependency chosen per request, the tenant's database
 * looked up in a catalog, its password stored encrypted), on the JDK's built-in
 * {@link HttpServer} and H2 in memory.
 *
 * <p>What it shows:
 * <ul>
 *   <li><b>A tenant catalog.</b> Tenants are rows of a {@code tenants} table in a catalog database,
 *       read by a {@link CatalogLabelSource}; each row's password is a Fernet token that
 *       {@link FernetSecretResolver} decrypts (the key is generated here; a real service reads it
 *       from an environment variable or a file). The catalog is a label of the same instance.</li>
 *   <li><b>Per-request routing.</b> A {@link Filter} opens {@link LabelScope#open(String)} with the
 *       header's tenant around the request, as label {@code tenant_<id>}: the prefix keeps every
 *       header away from the {@code catalog} label. The handler below it asks for {@link MultiDb#session()}
 *       without naming a label, as code under a servlet filter or a Spring interceptor would.</li>
 *   <li><b>Strict, never a default.</b> A tenant the catalog does not have gets HTTP 404 with the
 *       {@link io.multidb.connection.UnknownLabelException} message; a request without the header gets
 *       HTTP 400 with the {@link io.multidb.connection.NoLabelInScopeException} message: there is no
 *       default database to fall back on, so an unrouted request reaches no tenant's data.</li>
 *   <li><b>Tenants added while running.</b> A new catalog row is served on the next request for it:
 *       the label source looks it up on first use. A tenant that was asked for before its row existed
 *       is remembered as unknown for a while (so a storm of requests for an unknown tenant does not
 *       hammer the catalog); {@link CatalogLabelSource#reload()} notices the new row and forgets that
 *       miss.</li>
 * </ul>
 *
 * <pre>{@code
 * try (TenantHttpSample.Service service = TenantHttpSample.Service.start()) {
 *     service.addTenant("acme", "acme-secret");
 *     // curl -H 'X-Tenant: acme' -X POST 'http://127.0.0.1:<port>/orders?item=anvil'
 *     // curl -H 'X-Tenant: acme' http://127.0.0.1:<port>/orders
 * }
 * }</pre>
 *
 * <p>A public service would say less in its 404: the message lists the tenants that are open, which
 * helps a developer and should not reach another tenant's users.
 */
public final class TenantHttpSample {
    /** The request header that names the tenant. */
    public static final String TENANT_HEADER = "X-Tenant";

    private TenantHttpSample() {
    }

    /**
     * Starts the service on an ephemeral port, talks to it over HTTP, adds tenants while it runs,
     * and stops it.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (Service service = Service.start()) {
            service.addTenant("acme", "acme-secret");
            service.addTenant("globex", "globex-secret");
            System.out.println("Catalog read: " + service.reload());
            System.out.println("Listening on 127.0.0.1 (an ephemeral port)\n");

            Client client = new Client(service);
            client.send("POST", "/orders?item=anvil", "acme");
            client.send("POST", "/orders?item=rocket", "acme");
            client.send("POST", "/orders?item=widget", "globex");
            client.send("GET", "/orders", "acme");
            client.send("GET", "/orders", "globex");

            System.out.println("\n--- Strict: no tenant, or an unknown one, reaches no database ---");
            client.send("GET", "/orders", "umbrella");
            client.send("GET", "/orders", null);

            System.out.println("\n--- Tenants added while the service runs ---");
            service.addTenant("initech", "initech-secret");
            System.out.println("Catalog row added: initech");
            client.send("POST", "/orders?item=stapler", "initech");
            client.send("GET", "/orders", "initech");

            service.addTenant("umbrella", "umbrella-secret");
            System.out.println("Catalog row added: umbrella (asked for before: its miss is remembered)");
            client.send("GET", "/orders", "umbrella");
            System.out.println("Catalog reloaded: " + service.reload());
            client.send("GET", "/orders", "umbrella");
        }
        System.out.println("\nServer stopped, all database connections closed.");
    }

    /** @return the label a tenant's requests are routed to: its catalog row's tenant id */
    static String label(String tenant) {
        return "tenant_" + tenant;
    }

    /**
     * The running service: one instance with the catalog label and every tenant's label, and the
     * HTTP server. Closing it stops the server and its worker threads, then closes the instance.
     *
     * <p>Thread-safety: {@link #addTenant} and {@link #reload} may be called while requests are
     * served; {@link #close()} once, after the last request.
     */
    static final class Service implements AutoCloseable {
        private static final String CATALOG = "catalog";
        /** Makes database names unique in the JVM, so that services started one after another never meet. */
        private static final AtomicInteger SERVICES = new AtomicInteger();

        private final String suffix;
        private final FernetSecretResolver fernet;
        private final MultiDb db;
        private final CatalogLabelSource source;
        private final ExecutorService workers;
        private final HttpServer server;

        private Service(String suffix, FernetSecretResolver fernet, MultiDb db, CatalogLabelSource source,
                ExecutorService workers, HttpServer server) {
            this.suffix = suffix;
            this.fernet = fernet;
            this.db = db;
            this.source = source;
            this.workers = workers;
            this.server = server;
        }

        /**
         * @return a started service with an empty catalog, listening on 127.0.0.1 and an ephemeral port
         */
        static Service start() {
            String suffix = "_" + SERVICES.incrementAndGet();
            // a real service reads its key: FernetSecretResolver.fromEnvironment("MULTIDB_CATALOG_KEY")
            FernetSecretResolver fernet = FernetSecretResolver.of(FernetSecretResolver.generateKey());
            MultiDb db = MultiDb.create(Map.of(CATALOG, Map.of(
                    "engine", "h2", "db", "mem:tenant_catalog" + suffix, "pool_size", 1)));
            ExecutorService workers = null;
            try {
                db.inTransaction(CATALOG, s -> s.execute("create table tenants (tenant_id varchar(64) primary key,"
                        + " engine varchar(20), db varchar(255), username varchar(255), password varchar(1000),"
                        + " pool_size int)"));
                CatalogLabelSource source = CatalogLabelSource.builder(db, CATALOG)
                        .secretResolver(fernet)
                        .build();
                db.setLabelSource(LabelSourceSettings.of(source)); // every other label comes from the catalog

                workers = Executors.newFixedThreadPool(2, task -> new Thread(task, "tenant-http-worker"));
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/orders", new OrdersHandler(db)).getFilters().add(new TenantFilter());
                server.setExecutor(workers);
                server.start();
                return new Service(suffix, fernet, db, source, workers, server);
            } catch (IOException | RuntimeException e) {
                if (workers != null) {
                    workers.shutdownNow();
                }
                db.close();
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
        }

        /**
         * Provisions a tenant: creates its database (user {@code sa} with {@code password}) with an
         * empty {@code orders} table, then adds its catalog row, the password Fernet-encrypted.
         *
         * @param tenant   the tenant id, as requests send it
         * @param password its database password; only its Fernet token is stored
         */
        void addTenant(String tenant, String password) {
            String label = label(tenant);
            String database = "mem:" + label + suffix;
            // provisioning happens outside Multidb; the tenant's pool opens the database later, from its row
            try (Connection c = DriverManager.getConnection("jdbc:h2:" + database + ";DB_CLOSE_DELAY=-1", "sa",
                    password); Statement statement = c.createStatement()) {
                statement.execute("create table orders (id int auto_increment primary key, item varchar(100) not null)");
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot provision the database of tenant " + tenant, e);
            }
            db.inTransaction(CATALOG, s -> s.execute(
                    "insert into tenants (tenant_id, engine, db, username, password, pool_size) values (?, ?, ?, ?, ?, ?)",
                    label, "h2", database, "sa", fernet.encrypt(password), 2));
        }

        /** @return what a re-read of the catalog found changed since the previous one */
        LabelSource.Changes reload() {
            return source.reload();
        }

        /** @return the service's URI for a path and query, such as {@code /orders?item=anvil} */
        URI uri(String pathAndQuery) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
        }

        @Override
        public void close() {
            try {
                server.stop(0); // no exchange is in progress: returns at once
                workers.shutdown();
                try {
                    if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                        workers.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    workers.shutdownNow();
                    Thread.currentThread().interrupt();
                }
            } finally {
                db.close(); // closes every pool; the tenants' in-memory databases end with them
            }
        }
    }

    /**
     * Opens the request's tenant as the label in scope around the handler, as a servlet filter would.
     * Without the header it opens none: the handler's session then fails, never reaching a database.
     */
    static final class TenantFilter extends Filter {
        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            String tenant = exchange.getRequestHeaders().getFirst(TENANT_HEADER);
            if (tenant == null || tenant.isBlank()) {
                chain.doFilter(exchange);
                return;
            }
            try (LabelScope scope = LabelScope.open(label(tenant.strip()))) {
                exchange.getResponseHeaders().set("X-Multidb-Label", scope.label()); // which database served it
                chain.doFilter(exchange);
            }
        }

        @Override
        public String description() {
            return "puts the X-Tenant header's tenant in scope";
        }
    }

    /**
     * {@code GET /orders} lists the tenant's orders, one per line; {@code POST /orders?item=x} adds
     * one. Sessions come from {@link MultiDb#session()}: the label in scope, never named here.
     */
    static final class OrdersHandler implements HttpHandler {
        private final MultiDb db;

        OrdersHandler(MultiDb db) {
            this.db = db;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            int status;
            String body;
            try {
                switch (exchange.getRequestMethod()) {
                    case "GET" -> {
                        status = 200;
                        body = listOrders();
                    }
                    case "POST" -> {
                        String item = queryParameter(exchange.getRequestURI().getRawQuery(), "item");
                        if (item == null || item.isBlank()) {
                            status = 400;
                            body = "The query parameter item is required";
                        } else {
                            status = 201;
                            body = addOrder(item);
                        }
                    }
                    default -> {
                        status = 405;
                        body = "Only GET and POST";
                    }
                }
            } catch (UnknownLabelException e) {
                status = 404;
                body = e.getMessage();
            } catch (NoLabelInScopeException e) {
                status = 400;
                body = "No " + TENANT_HEADER + " header. " + e.getMessage();
            } catch (MultiDbException e) { // Multidb's messages never carry a password
                status = 503;
                body = e.getMessage();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        private String listOrders() {
            try (Session s = db.session()) {
                List<String> items = s.query(String.class, "select item from orders order by id");
                return items.toString();
            }
        }

        private String addOrder(String item) {
            try (Session s = db.session()) {
                s.execute("insert into orders (item) values (?)", item);
                s.commit();
                return "Order '" + item + "' added for " + s.label();
            }
        }

        private static String queryParameter(String rawQuery, String name) {
            if (rawQuery == null) {
                return null;
            }
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    /** The sample's HTTP client: sends one request and prints what it gets. */
    static final class Client {
        private final Service service;
        // JDK 17's HttpClient has no close() (JDK 21 adds one); its one daemon thread ends once the client is collected
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Client(Service service) {
            this.service = service;
        }

        /**
         * @param method       GET or POST
         * @param pathAndQuery such as {@code /orders?item=anvil}
         * @param tenant       the X-Tenant header, or {@code null} for none
         * @return the response
         */
        HttpResponse<String> send(String method, String pathAndQuery, String tenant) {
            HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(pathAndQuery))
                    .timeout(Duration.ofSeconds(10))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (tenant != null) {
                request.header(TENANT_HEADER, tenant);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + method + " " + pathAndQuery, e);
            }
            System.out.printf("%-4s %-20s %-22s -> %d %s%n", method, pathAndQuery,
                    tenant == null ? "(no " + TENANT_HEADER + ")" : TENANT_HEADER + ": " + tenant,
                    response.statusCode(), response.body());
            return response;
        }
    }
}
