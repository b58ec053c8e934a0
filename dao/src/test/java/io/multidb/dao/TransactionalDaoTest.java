package io.multidb.dao;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.ClosePools;
import io.multidb.connection.ConfigurationException;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.MultiDb;
import io.multidb.connection.NotConfiguredException;
import io.multidb.connection.Session;
import io.multidb.connection.TransactionMode;
import io.multidb.testkit.AllEngines;
import io.multidb.testkit.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link TransactionalDao}: one unit of work over two labels, with DAOs created inside it. */
@ExtendWith(ClosePools.class)
class TransactionalDaoTest {

    static final class InsufficientFundsException extends Exception {
        private static final long serialVersionUID = 1L;

        InsufficientFundsException(long account) {
            super("Account " + account + " cannot cover the transfer");
        }
    }

    static final class AccountDao extends DaoBase {
        AccountDao(Session session) {
            super(session);
        }

        void open(long id, String balance) {
            insert("accounts", Map.of("id", id, "balance", new BigDecimal(balance)));
        }

        void withdraw(long id, BigDecimal amount) throws InsufficientFundsException {
            if (execute("update accounts set balance = balance - ? where id = ? and balance >= ?", amount, id,
                    amount) == 0) {
                throw new InsufficientFundsException(id);
            }
        }

        void deposit(long id, BigDecimal amount) {
            execute("update accounts set balance = balance + ? where id = ?", amount, id);
        }

        BigDecimal balance(long id) {
            return queryOne(BigDecimal.class, "select balance from accounts where id = ?", id);
        }
    }

    static final class TransferService extends TransactionalDao {
        final AtomicBoolean ran = new AtomicBoolean();

        TransferService(TransactionMode mode) {
            super(mode, "bank_a", "bank_b");
        }

        TransferService() {
            super("bank_a", "bank_b");
        }

        /** Deposits first, so that a failed withdrawal has something to roll back on the other bank. */
        void transfer(long from, long to, String amount) throws InsufficientFundsException {
            BigDecimal value = new BigDecimal(amount);
            inTransaction(u -> {
                ran.set(true);
                new AccountDao(u.session("bank_b")).deposit(to, value);
                new AccountDao(u.session("bank_a")).withdraw(from, value);
                return null;
            });
        }

        List<String> spannedLabels() {
            return labels();
        }

        TransactionMode spannedMode() {
            return mode();
        }
    }

    private static void configureBanks(TestDatabase db, boolean withAccounts) {
        ConnectionPool.configure(Map.of("bank_a", db.freshConfig(), "bank_b", db.freshConfig()));
        if (!withAccounts) {
            return;
        }
        for (String bank : List.of("bank_a", "bank_b")) {
            try (Session s = DatabaseManager.getSession(bank)) {
                s.execute(Ddl.of(db.engine(), "create table accounts (id {bigint} primary key, balance {decimal} not"
                        + " null)"));
                new AccountDao(s).open(1, "100.00");
                s.commit();
            }
        }
    }

    private static BigDecimal balance(String bank) {
        try (Session s = DatabaseManager.getSession(bank)) {
            return new AccountDao(s).balance(1);
        }
    }

    @AllEngines
    void bestEffortCommitsBothLabelsWhenTheWorkReturns(TestDatabase db) throws InsufficientFundsException {
        configureBanks(db, true);
        new TransferService(TransactionMode.BEST_EFFORT).transfer(1, 1, "30.00");
        assertThat(balance("bank_a")).isEqualByComparingTo("70.00");
        assertThat(balance("bank_b")).isEqualByComparingTo("130.00");
    }

    @AllEngines
    void bestEffortRollsBackBothLabelsWhenTheWorkThrows(TestDatabase db) {
        configureBanks(db, true);
        TransferService service = new TransferService(TransactionMode.BEST_EFFORT);
        assertThatThrownBy(() -> service.transfer(1, 1, "500.00"))
                .isInstanceOf(InsufficientFundsException.class)
                .hasMessage("Account 1 cannot cover the transfer");
        assertThat(service.ran).isTrue();
        assertThat(balance("bank_a")).isEqualByComparingTo("100.00");
        assertThat(balance("bank_b")).as("the deposit made before the failure").isEqualByComparingTo("100.00");
    }

    @AllEngines
    void autoOverLabelsWithoutXaIsRefusedBeforeAnyDatabaseIsTouched(TestDatabase db) {
        configureBanks(db, false);
        TransferService service = new TransferService();
        assertThatThrownBy(() -> service.transfer(1, 1, "1.00"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[bank_a, bank_b]")
                .hasMessageContaining("TransactionMode.BEST_EFFORT");
        assertThat(service.ran).as("the work ran").isFalse();
        assertThat(ConnectionPool.stats("bank_a").total()).as("connections opened on bank_a").isZero();
        assertThat(ConnectionPool.stats("bank_b").total()).as("connections opened on bank_b").isZero();
    }

    @AllEngines
    void xaOverLabelsWithoutXaIsRefusedBeforeAnyDatabaseIsTouched(TestDatabase db) {
        configureBanks(db, false);
        TransferService service = new TransferService(TransactionMode.XA);
        assertThatThrownBy(() -> service.transfer(1, 1, "1.00"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("xa: true");
        assertThat(service.ran).isFalse();
        assertThat(ConnectionPool.stats("bank_a").total()).isZero();
        assertThat(ConnectionPool.stats("bank_b").total()).isZero();
    }

    /** A service over one label: AUTO is then a plain local transaction. */
    static final class OpeningService extends TransactionalDao {
        OpeningService() {
            super("bank_a");
        }

        void openTwo(boolean fail) {
            inTransaction(u -> {
                AccountDao accounts = new AccountDao(u.session("bank_a"));
                accounts.open(2, "5.00");
                accounts.open(3, "6.00");
                if (fail) {
                    throw new IllegalStateException("stop");
                }
                return null;
            });
        }
    }

    @AllEngines
    void autoOverOneLabelIsALocalTransaction(TestDatabase db) {
        configureBanks(db, true);
        OpeningService service = new OpeningService();
        assertThatThrownBy(() -> service.openTwo(true)).isInstanceOf(IllegalStateException.class).hasMessage("stop");
        try (Session s = DatabaseManager.getSession("bank_a")) {
            assertThat(s.query(Long.class, "select count(*) from accounts")).containsExactly(1L);
        }
        service.openTwo(false);
        try (Session s = DatabaseManager.getSession("bank_a")) {
            assertThat(s.query(Long.class, "select count(*) from accounts")).containsExactly(3L);
        }
    }

    @Test
    void labelsAndModeAreKeptAndNeedNotBeConfiguredYet() {
        assertThat(ConnectionPool.isConfigured()).isFalse();
        TransferService auto = new TransferService();
        assertThat(auto.spannedLabels()).containsExactly("bank_a", "bank_b");
        assertThat(auto.spannedMode()).isEqualTo(TransactionMode.AUTO);
        assertThat(new TransferService(TransactionMode.BEST_EFFORT).spannedMode()).isEqualTo(TransactionMode.BEST_EFFORT);
    }

    /** Constructs a TransactionalDao from whatever labels a test gives. */
    static final class AnyLabels extends TransactionalDao {
        AnyLabels(String... labels) {
            super(labels);
        }

        AnyLabels(TransactionMode mode, String... labels) {
            super(mode, labels);
        }
    }

    @Test
    void theConstructorRefusesMissingBlankAndRepeatedLabels() {
        assertThatThrownBy(AnyLabels::new).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one label");
        assertThatThrownBy(() -> new AnyLabels((String[]) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one label");
        assertThatThrownBy(() -> new AnyLabels("a", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be null or blank");
        assertThatThrownBy(() -> new AnyLabels("a", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be null or blank");
        assertThatThrownBy(() -> new AnyLabels("a", "b", "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Label 'a' is given twice");
        assertThatThrownBy(() -> new AnyLabels((TransactionMode) null, "a")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("mode");
    }

    /** A transfer service on a {@link MultiDb} instance of its own. */
    static final class InstanceTransferService extends TransactionalDao {
        InstanceTransferService(MultiDb db) {
            super(db, TransactionMode.BEST_EFFORT, "bank_a", "bank_b");
        }

        void transfer(long from, long to, String amount) throws InsufficientFundsException {
            BigDecimal value = new BigDecimal(amount);
            inTransaction(u -> {
                new AccountDao(u.session("bank_b")).deposit(to, value);
                new AccountDao(u.session("bank_a")).withdraw(from, value);
                return null;
            });
        }

        void transferWithin(Duration timeout) {
            inTransaction(timeout, u -> null);
        }
    }

    private static MultiDb banks() {
        MultiDb db = MultiDb.create(Map.of(
                "bank_a", Map.of("url", "jdbc:h2:mem:" + unique("a"), "user", "sa"),
                "bank_b", Map.of("url", "jdbc:h2:mem:" + unique("b"), "user", "sa")));
        for (String bank : List.of("bank_a", "bank_b")) {
            db.inTransaction(bank, s -> {
                s.execute("create table accounts (id bigint primary key, balance decimal(12, 2) not null)");
                new AccountDao(s).open(1, "100.00");
                return null;
            });
        }
        return db;
    }

    @Test
    void aServiceGivenAnInstanceRunsOnItAndNotOnTheFacade() throws InsufficientFundsException {
        try (MultiDb db = banks()) {
            new InstanceTransferService(db).transfer(1, 1, "30.00");

            assertThat(ConnectionPool.isConfigured()).isFalse();
            BigDecimal a = db.read("bank_a", s -> new AccountDao(s).balance(1));
            BigDecimal b = db.read("bank_b", s -> new AccountDao(s).balance(1));
            assertThat(a).isEqualByComparingTo("70.00");
            assertThat(b).isEqualByComparingTo("130.00");
        }
    }

    @Test
    void aTimeoutOnAServiceWithoutXaIsRefused() {
        try (MultiDb db = banks()) {
            assertThatThrownBy(() -> new InstanceTransferService(db).transferWithin(Duration.ofSeconds(3)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("applies to XA units of work only");
        }
    }

    @Test
    void aServiceWithoutAnInstanceNeedsTheFacadeConfiguredWhenItRuns() {
        assertThatThrownBy(() -> new TransferService(TransactionMode.BEST_EFFORT).transfer(1, 1, "1.00"))
                .isInstanceOf(NotConfiguredException.class)
                .hasMessageContaining("ConnectionPool.configure(...) has not been called")
                .hasMessageContaining("before the first DatabaseManager.getSession(...)");
    }
}
