package io.multidb.jta.internal;

import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.arjuna.recovery.RecoveryModule;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import io.multidb.connection.ConnectionPool;
import io.multidb.jta.JtaSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.transaction.xa.XAResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash recovery: Narayana's recovery manager in direct mode (no thread, no socket of its own),
 * driven by one daemon thread every scan period and by {@link #recover()}.
 *
 * <p>A pass has two phases a backoff period apart. Phase 1 reads the transaction log and lists
 * the prepared branches of every registered label; phase 2 commits the branches whose transaction
 * the log says committed, and rolls back those of this node (or of the recovery nodes) that no log
 * entry and no live transaction of this process claims. Passes never overlap, so a call to
 * {@link #recover()} always runs a pass of its own from start to end.
 *
 * <p>Which databases are scanned: every XA label registered by {@code configure} that is still
 * configured. A label is registered at configure time, before its pool exists, so that recovery
 * reaches a database even when the application has not used the label since it restarted.
 *
 * <p>Thread-safety: thread-safe.
 */
final class RecoveryService {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryService.class);

    private final RecoveryManager manager;
    private final XARecoveryModule module;
    private final LabelHelper helper = new LabelHelper();
    private final ScheduledExecutorService scheduler;
    private final ReentrantLock passLock = new ReentrantLock();

    private RecoveryService(RecoveryManager manager, XARecoveryModule module, JtaSettings settings) {
        this.manager = manager;
        this.module = module;
        module.addXAResourceRecoveryHelper(helper);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "multidb-jta-recovery");
            t.setDaemon(true);
            return t;
        });
        long period = settings.recoveryScanPeriod().toSeconds();
        scheduler.scheduleWithFixedDelay(this::backgroundPass, period, period, TimeUnit.SECONDS);
    }

    /**
     * @param settings the JTA settings (already applied to Narayana)
     * @return the started service; its first background pass runs one scan period from now
     */
    static RecoveryService start(JtaSettings settings) {
        RecoveryManager manager = RecoveryManager.manager(RecoveryManager.DIRECT_MANAGEMENT);
        XARecoveryModule module = null;
        for (RecoveryModule m : manager.getModules()) {
            if (m instanceof XARecoveryModule xa) {
                module = xa;
            }
        }
        if (module == null) {
            manager.terminate();
            throw new IllegalStateException("Narayana's recovery manager has no XARecoveryModule");
        }
        return new RecoveryService(manager, module, settings);
    }

    /**
     * @param label  an XA label being configured
     * @param source how to reach its database
     */
    void register(String label, XaConnectionSource source) {
        helper.sources.put(label, source);
    }

    /** Runs one full recovery pass now, after any pass in progress. */
    void recover() {
        passLock.lock();
        try {
            manager.scan();
        } finally {
            passLock.unlock();
        }
    }

    private void backgroundPass() {
        try {
            recover();
        } catch (RuntimeException e) {
            LOG.warn("XA recovery pass failed; the next one runs in the next scan period", e);
        }
    }

    /** Stops the background thread, waits for a pass in progress, and terminates Narayana's recovery manager. */
    void stop() {
        scheduler.shutdownNow();
        passLock.lock();
        try {
            module.removeXAResourceRecoveryHelper(helper);
            manager.terminate();
            helper.sources.clear();
        } finally {
            passLock.unlock();
        }
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The XA recovery thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands Narayana one recovery resource per registered label that is still configured. */
    private static final class LabelHelper implements XAResourceRecoveryHelper {
        final Map<String, XaConnectionSource> sources = new ConcurrentHashMap<>();

        @Override
        public boolean initialise(String p) {
            return true;
        }

        @Override
        public XAResource[] getXAResources() {
            Set<String> configured = ConnectionPool.labels();
            List<XAResource> resources = new ArrayList<>();
            sources.forEach((label, source) -> {
                if (configured.contains(label)) {
                    resources.add(new RecoveryXaResource(label, source));
                }
            });
            return resources.toArray(new XAResource[0]);
        }
    }
}
