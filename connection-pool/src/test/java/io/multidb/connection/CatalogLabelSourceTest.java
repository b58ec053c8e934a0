package io.multidb.connection;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.AllEngines;
import io.multidb.testkit.LogCapture;
import io.multidb.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog table on each engine: tenants found by id with Fernet-encrypted passwords, misses,
 * invalid rows named by tenant and column, reloads reporting changes and removals, and no password
 * anywhere it could be seen.
 */
class CatalogLabelSourceTest {
    private static final String KEY = FernetSecretResolver.generateKey();
    private static final FernetSecretResolver FERNET = FernetSecretResolver.of(KEY);

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeInstances() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @AllEngines
    void findReadsOneTenantAndDecryptsItsPassword(TestDatabase db) {
        MultiDb catalog = catalog(db);
        insert(catalog, db, "acme", "postgresql", "db.internal", 5432, "acme", "app", FERNET.encrypt("acme-pw-1"),
                "s_acme", 3, 2, new java.math.BigDecimal("2.5"));
        insert(catalog, db, "globex", "mariadb", "db2.internal", 3306, "globex", "gx", FERNET.encrypt("globex-pw"),
                null, null, null, null);
        CatalogLabelSource source = source(catalog);

        DatabaseConfig acme = source.find("acme").orElseThrow();

        assertThat(acme).isEqualTo(DatabaseConfig.fromMap("acme", Map.of("engine", "postgresql",
                "host", "db.internal", "port", 5432, "db", "acme", "user", "app", "password", "acme-pw-1",
                "schema", "s_acme", "pool_size", 3, "max_overflow", 2, "pool_timeout", 2.5)));
        assertThat(acme.password()).contains("acme-pw-1");
        assertThat(acme.toString()).doesNotContain("acme-pw-1");
        DatabaseConfig globex = source.find("globex").orElseThrow();
        assertThat(globex.engine()).isEqualTo(Engine.MARIADB);
        assertThat(globex.poolSize()).isEqualTo(DatabaseConfig.DEFAULT_POOL_SIZE);
        assertThat(globex.schema()).isEmpty();
    }

    @AllEngines
    void aMissingTenantIsEmptyAndNeverAnotherTenant(TestDatabase db) {
        MultiDb catalog = catalog(db);
        insert(catalog, db, "acme", "h2", null, null, "mem:acme", "sa", FERNET.encrypt("pw"), null, null, null, null);
        CatalogLabelSource source = source(catalog);

        assertThat(source.find("initech")).isEmpty();
        assertThat(source.find("ACME")).isEmpty(); // MariaDB's collation would match it; the source does not
        assertThat(source.find("catalog")).isEmpty();
        assertThat(source.find("acme")).isPresent();
    }

    @AllEngines
    void anInvalidRowNamesTheTenantAndTheColumnAndNeverThePassword(TestDatabase db) {
        MultiDb catalog = catalog(db);
        String otherKeysToken = FernetSecretResolver.of(FernetSecretResolver.generateKey()).encrypt("hidden-pw-2");
        insert(catalog, db, "bad_engine", "sqlite3", "h", 1, "d", "u", FERNET.encrypt("hidden-pw-1"), null, null,
                null, null);
        insert(catalog, db, "bad_secret", "postgresql", "h", 5432, "d", "u", otherKeysToken, null, null, null, null);
        insert(catalog, db, "bad_size", "postgresql", "h", 5432, "d", "u", FERNET.encrypt("hidden-pw-3"), null, -4,
                null, null);
        insert(catalog, db, "good", "postgresql", "h", 5432, "d", "u", FERNET.encrypt("hidden-pw-4"), null, null,
                null, null);
        CatalogLabelSource source = source(catalog);

        try (LogCapture logs = LogCapture.everything()) {
            assertThatThrownBy(() -> source.find("bad_engine")).isInstanceOfSatisfying(ConfigurationException.class,
                    e -> {
                        assertThat(e.label()).isEqualTo("bad_engine");
                        assertThat(e.key()).isEqualTo("engine");
                        assertThat(e.getMessage()).startsWith("Tenant 'bad_engine' in catalog table tenants (label"
                                + " 'catalog'), column 'engine': ").contains("sqlite3");
                    });
            assertThatThrownBy(() -> source.find("bad_secret")).isInstanceOfSatisfying(ConfigurationException.class,
                    e -> {
                        assertThat(e.key()).isEqualTo("password");
                        assertThat(e.getMessage()).isEqualTo("Tenant 'bad_secret' in catalog table tenants (label"
                                + " 'catalog'), column 'password': The Fernet token is not valid: its signature"
                                + " matches the key (a token made with another key, or altered)");
                        assertThat(e.getCause()).isInstanceOf(SecretResolutionException.class);
                    });
            assertThatThrownBy(() -> source.find("bad_size")).isInstanceOfSatisfying(ConfigurationException.class,
                    e -> assertThat(e.getMessage()).contains("column 'pool_size'").contains("-4"));
            assertThat(source.find("good")).isPresent();
            LabelSource.Changes all = source.reload(); // the invalid rows are logged, the valid one kept

            assertThat(all.changed()).containsExactly("bad_engine", "bad_secret", "bad_size", "good");
            assertThat(source.reload().isEmpty()).isTrue(); // the same problems: no change, no second warning
            assertThat(logs.events(e -> e.getFormattedMessage().contains("Tenant 'bad_secret'"))).hasSize(1);
            assertThat(logs.text()).contains("Tenant 'bad_secret'").doesNotContain("hidden-pw").doesNotContain(KEY);
        }
        assertThat(source.toString()).doesNotContain(KEY).contains("FernetSecretResolver[keys=1");
    }

    @AllEngines
    void reloadReportsChangedAndRemovedTenantsToItsListeners(TestDatabase db) {
        MultiDb catalog = catalog(db);
        insert(catalog, db, "acme", "postgresql", "h", 5432, "acme", "u", FERNET.encrypt("one"), null, null, null,
                null);
        insert(catalog, db, "globex", "postgresql", "h", 5432, "globex", "u", FERNET.encrypt("two"), null, null, null,
                null);
        insert(catalog, db, "initech", "postgresql", "h", 5432, "initech", "u", FERNET.encrypt("three"), null, null,
                null, null);
        CatalogLabelSource source = source(catalog);
        List<LabelSource.Changes> heard = new ArrayList<>();
        LabelSource.Subscription subscription = source.onChange(heard::add);

        assertThat(source.reload().changed()).containsExactly("acme", "globex", "initech");
        catalog.inTransaction("catalog", s -> {
            s.execute("update tenants set password = ? where tenant_id = ?", FERNET.encrypt("one-rotated"), "acme");
            s.execute("update tenants set password = ? where tenant_id = ?", FERNET.encrypt("two"), "globex");
            s.execute("delete from tenants where tenant_id = ?", "initech");
            return null;
        });
        insert(catalog, db, "umbrella", "postgresql", "h", 5432, "umbrella", "u", FERNET.encrypt("four"), null, null,
                null, null);

        LabelSource.Changes changes = source.reload();

        // globex's token is new but decrypts to the same password: the same configuration, no change
        assertThat(changes.changed()).containsExactly("acme", "umbrella");
        assertThat(changes.removed()).containsExactly("initech");
        assertThat(heard).hasSize(2);
        assertThat(heard.get(1)).isEqualTo(changes);
        assertThat(source.reload()).isEqualTo(LabelSource.Changes.NONE);
        assertThat(heard).hasSize(2);
        subscription.close();
        catalog.inTransaction("catalog", s -> s.execute("update tenants set port = 5433 where tenant_id = ?", "acme"));
        assertThat(source.reload().changed()).containsExactly("acme");
        assertThat(heard).hasSize(2);
    }

    @Test
    void aTenantReadFromTheCatalogServesSessions() {
        MultiDb catalog = h2Catalog();
        String tenantDb = unique("tenant");
        insertH2(catalog, "acme", "mem:" + tenantDb, "sa", FERNET.encrypt("tenant-pw"));
        DatabaseConfig acme = source(catalog).find("acme").orElseThrow();

        try (MultiDb tenants = MultiDb.create(Map.of("acme", acme))) {
            List<Integer> one = tenants.read("acme", s -> s.query(Integer.class, "select 1"));
            assertThat(one).containsExactly(1);
        }
    }

    @Test
    void refreshingRunsOnTheCallersSchedulerUntilCancelled() throws Exception {
        MultiDb catalog = h2Catalog();
        insertH2(catalog, "acme", "mem:a", "sa", FERNET.encrypt("pw"));
        CatalogLabelSource source = source(catalog);
        BlockingQueue<LabelSource.Changes> heard = new LinkedBlockingQueue<>();
        source.onChange(heard::add);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledFuture<?> refreshing = source.startRefreshing(Duration.ofMillis(20), scheduler);
            assertThat(heard.poll(30, TimeUnit.SECONDS)).isEqualTo(new LabelSource.Changes(
                    java.util.Set.of("acme"), java.util.Set.of()));
            catalog.inTransaction("catalog", s -> s.execute("delete from tenants"));
            assertThat(heard.poll(30, TimeUnit.SECONDS)).isEqualTo(new LabelSource.Changes(
                    java.util.Set.of(), java.util.Set.of("acme")));
            refreshing.cancel(false);
            assertThat(refreshing.isCancelled()).isTrue();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void columnsCanBeRenamedAndANamedColumnMustExist() {
        MultiDb catalog = MultiDb.create(Map.of("catalog", Map.of("url", "jdbc:h2:mem:" + unique("cat"), "user",
                "sa")));
        toClose.add(catalog);
        catalog.inTransaction("catalog", s -> s.execute("create table customers (code varchar(64), kind varchar(20),"
                + " path varchar(200), login varchar(50), secret varchar(500), recycle int)"));
        catalog.inTransaction("catalog", s -> s.execute("insert into customers values (?, ?, ?, ?, ?, ?)", "acme",
                "h2", "mem:acme", "sa", FERNET.encrypt("pw"), 60));
        CatalogLabelSource source = CatalogLabelSource.builder(catalog, "catalog").table("customers")
                .tenantIdColumn("code").column("engine", "kind").column("db", "path").column("user", "login")
                .column("password", "secret").column("pool_recycle", "recycle").secretResolver(FERNET)
                .defaults(Map.of("pool_size", 1)).build();

        DatabaseConfig acme = source.find("acme").orElseThrow();

        assertThat(acme.poolRecycle()).isEqualTo(Duration.ofSeconds(60));
        assertThat(acme.poolSize()).isEqualTo(1);
        assertThat(acme.password()).contains("pw");
        CatalogLabelSource misspelt = CatalogLabelSource.builder(catalog, "catalog").table("customers")
                .tenantIdColumn("code").column("engine", "kind").column("db", "path").column("user", "logn").build();
        assertThatThrownBy(() -> misspelt.find("acme")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Tenant 'acme' in catalog table customers (label 'catalog'), column 'logn':"
                        + " the table has no such column (configured for key 'user')")
                .hasMessageEndingWith("Did you mean 'login'?");
    }

    @Test
    void aFailingResolverIsNamedByClassWithItsMessageHiddenAndKeptAsTheCause() {
        MultiDb catalog = h2Catalog();
        insertH2(catalog, "acme", "mem:a", "sa", "vault:tenants/acme");
        IllegalStateException vaultDown = new IllegalStateException("vault said: plain-secret-xyz");
        CatalogLabelSource source = CatalogLabelSource.builder(catalog, "catalog").secretResolver(stored -> {
            throw vaultDown;
        }).build();

        assertThatThrownBy(() -> source.find("acme")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Tenant 'acme' in catalog table tenants (label 'catalog'), column 'password':"
                        + " the secret resolver ")
                .hasMessageEndingWith("failed with java.lang.IllegalStateException (message not shown; see the cause)")
                .hasCause(vaultDown)
                .message().doesNotContain("plain-secret-xyz");
    }

    @Test
    void aSourceWithoutChangesRegistersNothingAndChangesAreSortedCopies() {
        LabelSource fixed = label -> Optional.empty();
        List<LabelSource.Changes> heard = new ArrayList<>();
        LabelSource.Subscription subscription = fixed.onChange(heard::add);
        assertThat(fixed.find("x")).isEmpty();
        subscription.close();
        subscription.close();
        assertThat(heard).isEmpty();
        java.util.Set<String> changed = new java.util.HashSet<>(List.of("b", "a"));
        LabelSource.Changes changes = new LabelSource.Changes(changed, java.util.Set.of());
        changed.add("c");
        assertThat(changes.changed()).containsExactly("a", "b");
        assertThat(changes.isEmpty()).isFalse();
        assertThat(LabelSource.Changes.NONE.isEmpty()).isTrue();
        assertThatThrownBy(() -> changes.removed().add("z")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void namesThatAreNotPlainIdentifiersAreRefused() {
        MultiDb catalog = h2Catalog();
        assertThatThrownBy(() -> CatalogLabelSource.builder(catalog, "catalog").table("tenants; drop table x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a plain identifier");
        assertThatThrownBy(() -> CatalogLabelSource.builder(catalog, "catalog").tenantIdColumn("id or 1=1").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CatalogLabelSource.builder(catalog, "catalog").column("pool_sise", "x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column(...): unknown configuration key 'pool_sise'. Did you mean 'pool_size'?");
        assertThatThrownBy(() -> CatalogLabelSource.builder(catalog, "catalog").column("label", "x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column(...): key 'label' cannot come from the catalog (the tenant id is the label)");
        assertThat(CatalogLabelSource.builder(catalog, "catalog").table("public.tenants").build().toString())
                .startsWith("CatalogLabelSource[label=catalog, table=public.tenants, tenantId=tenant_id,");
    }

    private MultiDb catalog(TestDatabase db) {
        MultiDb catalog = MultiDb.create(Map.of("catalog", db.freshConfig()));
        toClose.add(catalog);
        String schema = db.engine() == Engine.MARIADB ? "`schema`" : "schema";
        catalog.inTransaction("catalog", s -> s.execute("create table tenants (tenant_id varchar(64) primary key,"
                + " engine varchar(20), host varchar(255), port int, db varchar(255), username varchar(255),"
                + " password varchar(1000), " + schema + " varchar(255), pool_size int, max_overflow int,"
                + " pool_timeout decimal(10, 3), created_at varchar(40))"));
        return catalog;
    }

    private MultiDb h2Catalog() {
        MultiDb catalog = MultiDb.create(Map.of("catalog", Map.of("url", "jdbc:h2:mem:" + unique("cat"), "user",
                "sa")));
        toClose.add(catalog);
        catalog.inTransaction("catalog", s -> s.execute("create table tenants (tenant_id varchar(64) primary key,"
                + " engine varchar(20), db varchar(255), username varchar(255), password varchar(1000))"));
        return catalog;
    }

    private static void insertH2(MultiDb catalog, String tenant, String database, String user, String token) {
        catalog.inTransaction("catalog", s -> s.execute("insert into tenants (tenant_id, engine, db, username,"
                + " password) values (?, 'h2', ?, ?, ?)", tenant, database, user, token));
    }

    private static void insert(MultiDb catalog, TestDatabase db, String tenant, String engine, String host,
            Integer port, String database, String user, String token, String schema, Integer poolSize,
            Integer maxOverflow, java.math.BigDecimal poolTimeout) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tenant_id", tenant);
        row.put("engine", engine);
        row.put("host", host);
        row.put("port", port);
        row.put("db", database);
        row.put("username", user);
        row.put("password", token);
        row.put("schema", schema);
        row.put("pool_size", poolSize);
        row.put("max_overflow", maxOverflow);
        row.put("pool_timeout", poolTimeout);
        String columns = String.join(", ", row.keySet().stream()
                .map(c -> c.equals("schema") && db.engine() == Engine.MARIADB ? "`schema`" : c).toList());
        String marks = String.join(", ", java.util.Collections.nCopies(row.size(), "?"));
        catalog.inTransaction("catalog", s -> s.execute("insert into tenants (" + columns + ") values (" + marks + ")",
                row.values().toArray()));
    }

    private CatalogLabelSource source(MultiDb catalog) {
        return CatalogLabelSource.builder(catalog, "catalog").secretResolver(FERNET).build();
    }
}
