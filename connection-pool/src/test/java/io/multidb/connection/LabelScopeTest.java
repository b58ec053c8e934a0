package io.multidb.connection;

import static io.multidb.connection.Configs.h2;
import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.ClosePools;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Per-request routing: {@link LabelScope} and {@link DatabaseManager#getSession()}. */
@ExtendWith(ClosePools.class)
class LabelScopeTest {
    private final ExecutorService single = Executors.newSingleThreadExecutor();

    @AfterEach
    void noScopeIsLeftOnTheTestThread() throws InterruptedException {
        single.shutdownNow();
        assertThat(single.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(LabelScope.current()).isEmpty();
    }

    private static void configureTwoTenants() {
        ConnectionPool.configure(Map.of("tenant_1", h2(unique()), "tenant_2", h2(unique())));
        for (String tenant : List.of("tenant_1", "tenant_2")) {
            DatabaseManager.inTransaction(tenant, s -> s.execute("create table who (name varchar(20))")
                    + s.execute("insert into who values (?)", tenant));
        }
    }

    private static String who() {
        try (Session s = DatabaseManager.getSession()) {
            return s.query(String.class, "select name from who").get(0);
        }
    }

    @Test
    void getSessionOpensASessionOnTheLabelInScope() {
        configureTwoTenants();

        try (LabelScope scope = LabelScope.open("tenant_2")) {
            assertThat(scope.label()).isEqualTo("tenant_2");
            assertThat(who()).isEqualTo("tenant_2");
            try (Session s = DatabaseManager.getReadSession()) {
                assertThat(s.label()).isEqualTo("tenant_2");
            }
            try (Session s = ConnectionPool.instance().session()) {
                assertThat(s.label()).isEqualTo("tenant_2");
            }
        }
    }

    @Test
    void scopesNestAndEachCloseRestoresTheLabelBefore() {
        configureTwoTenants();

        try (LabelScope outer = LabelScope.open("tenant_1")) {
            try (LabelScope inner = LabelScope.open("tenant_2")) {
                assertThat(who()).isEqualTo(inner.label());
            }
            assertThat(who()).isEqualTo(outer.label());
            assertThat(LabelScope.call("tenant_2", LabelScopeTest::who)).isEqualTo("tenant_2");
            assertThat(LabelScope.current()).contains("tenant_1");
        }
        assertThat(LabelScope.current()).isEmpty();
    }

    @Test
    void theLabelBeforeIsRestoredWhenTheWorkThrows() {
        try (LabelScope outer = LabelScope.open("tenant_1")) {
            assertThatThrownBy(() -> LabelScope.run("tenant_2", () -> {
                throw new IllegalStateException("request failed");
            })).hasMessage("request failed");
            assertThatThrownBy(() -> LabelScope.call("tenant_2", () -> {
                throw new java.io.IOException("request failed");
            })).isInstanceOf(java.io.IOException.class);
            try (LabelScope inner = LabelScope.open("tenant_2")) {
                assertThat(inner.label()).isEqualTo("tenant_2");
                throw new IllegalArgumentException("inside");
            } catch (IllegalArgumentException expected) {
                assertThat(LabelScope.current()).contains(outer.label());
            }
            assertThat(LabelScope.current()).contains("tenant_1");
        }
    }

    @Test
    void withNoLabelInScopeGetSessionSaysHowToSetOne() {
        configureTwoTenants();

        assertThatThrownBy(DatabaseManager::getSession)
                .isInstanceOf(NoLabelInScopeException.class)
                .hasMessageStartingWith("DatabaseManager.getSession() opens a session on the label in scope, but no"
                        + " label is in scope on thread '" + Thread.currentThread().getName() + "'")
                .hasMessageContaining("LabelScope.open(label)")
                .hasMessageContaining("LabelScope.wrap(...)")
                .hasMessageEndingWith("There is no default label.");
        assertThatThrownBy(DatabaseManager::getReadSession)
                .isInstanceOf(NoLabelInScopeException.class)
                .hasMessageStartingWith("DatabaseManager.getReadSession() opens a session");
        assertThatThrownBy(() -> ConnectionPool.instance().session())
                .isInstanceOf(NoLabelInScopeException.class)
                .hasMessageStartingWith("MultiDb.session() opens a session");
    }

    @Test
    void anUnknownLabelInScopeIsAnUnknownLabel() {
        configureTwoTenants();

        try (LabelScope scope = LabelScope.open("tenant_3")) {
            assertThatThrownBy(DatabaseManager::getSession)
                    .isInstanceOf(UnknownLabelException.class)
                    .hasMessageContaining("No database is configured with label '" + scope.label() + "'");
        }
    }

    @Test
    void aWrappedTaskCarriesTheLabelAndLeavesTheWorkerAsItWas() throws Exception {
        configureTwoTenants();
        Runnable wrapped;
        Callable<String> wrappedCall;
        try (LabelScope scope = LabelScope.open("tenant_2")) {
            wrapped = LabelScope.wrap(() -> {
                assertThat(who()).isEqualTo(scope.label());
                LabelScope.open("tenant_1"); // left open by mistake: must not reach the next task
            });
            wrappedCall = LabelScope.wrap(LabelScopeTest::who);
        }

        single.submit(wrapped).get(10, TimeUnit.SECONDS);
        assertThat(single.submit(wrappedCall).get(10, TimeUnit.SECONDS)).isEqualTo("tenant_2");
        Future<Optional<String>> unwrapped = single.submit(LabelScope::current);
        assertThat(unwrapped.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThatThrownBy(() -> single.submit(LabelScopeTest::who).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(NoLabelInScopeException.class);
    }

    @Test
    void anUnwrappedTaskOnAPooledThreadDoesNotSeeTheSubmittersLabel() throws Exception {
        try (LabelScope scope = LabelScope.open("tenant_1")) {
            assertThat(scope.label()).isEqualTo("tenant_1");
            assertThat(single.submit(LabelScope::current).get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(CompletableFuture.supplyAsync(LabelScope::current, single).get(10, TimeUnit.SECONDS))
                    .isEmpty();
        }
    }

    @Test
    void aWrappedExecutorCarriesTheLabelOfEachSubmitter() throws Exception {
        configureTwoTenants();
        Executor executor = LabelScope.wrap((Executor) single);
        ExecutorService service = LabelScope.wrap(single);

        CompletableFuture<String> first = LabelScope.call("tenant_1",
                () -> CompletableFuture.supplyAsync(LabelScopeTest::who, executor));
        CompletableFuture<String> second = LabelScope.call("tenant_2",
                () -> CompletableFuture.supplyAsync(LabelScopeTest::who, executor));
        List<Future<String>> both = LabelScope.call("tenant_2",
                () -> service.invokeAll(List.of(LabelScopeTest::who, LabelScopeTest::who)));
        Future<String> submitted = LabelScope.call("tenant_1", () -> service.submit(LabelScopeTest::who));

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("tenant_1");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("tenant_2");
        assertThat(both.get(0).get()).isEqualTo("tenant_2");
        assertThat(both.get(1).get()).isEqualTo("tenant_2");
        assertThat(submitted.get(10, TimeUnit.SECONDS)).isEqualTo("tenant_1");
        assertThat(service.submit(LabelScope::current).get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void closingAnOuterScopeFirstIsRefusedAndLeavesTheThreadAsBefore() {
        LabelScope outer = LabelScope.open("tenant_1");
        LabelScope inner = LabelScope.open("tenant_2");

        assertThatThrownBy(outer::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("label 'tenant_2'")
                .hasMessageContaining("reverse order");
        assertThat(LabelScope.current()).isEmpty();
        inner.close();
        assertThat(LabelScope.current()).isEmpty();
    }

    @Test
    void aScopeIsClosedOnTheThreadThatOpenedIt() throws Exception {
        LabelScope scope = LabelScope.open("tenant_1");
        try {
            Future<?> elsewhere = single.submit(scope::close);
            assertThatThrownBy(() -> elsewhere.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must be closed there");
            assertThat(LabelScope.current()).contains("tenant_1");
        } finally {
            scope.close();
        }
    }
}
