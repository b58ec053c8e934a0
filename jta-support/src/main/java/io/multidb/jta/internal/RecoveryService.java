package io.multidb.jta.internal;

import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.arjuna.recovery.RecoveryModule;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import io.multidb.jta.JtaSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.transaction.xa.XAResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash recovery: Narayana's recovery manager in direct mode (no thread, no socket of its own),
 * driven by one daemon thread, which runs a pass every scan period and one on each
 * {@link #requestPass()}.
 *
 * <p>A pass has two phases a backoff period apart. Phase 1 reads the transaction log and lists
 * the prepared branches of every registered label; phase 2 commits the branches whose transaction
 * the log says committed, and rolls back those of this node (or of the recovery nodes) that no log
 * entry and no live transaction of this process claims. This process's own live transactions are
 * recognised in memory ({@code JTAActionStatusServiceXAResourceOrphanFilter}, see
 * {@link NarayanaEnvironment}); the backoff is what keeps phase 2 from rolling back a branch that a
 * live transaction of another process (another recovery node, or a process wrongly given this node
 * id) has prepared and not yet logged. So a pass is never shortened, not even at start-up, and the
 * caller of {@link #requestPass()} does not wait for it. (Narayana could not shorten it anyway: it
 * waits with {@code Object.wait(backoff)}, for which a backoff of 0 means for ever.)
 *
 * <table>
 *   <caption>Requested passes</caption>
 *   <tr><th>when {@code requestPass()} is called</th><th>it returns</th></tr>
 *   <tr><td>no pass waiting to start</td><td>a new pass, queued behind any pass in progress</td></tr>
 *   <tr><td>a requested pass waiting to start</td><td>that pass: it starts after this call, so it
 *       sees what this call needs seen</td></tr>
 *   <tr><td>after {@link #stop()}</td><td>a stage already failed</td></tr>
 * </table>
 *
 * <p>{@link #stop()} terminates Narayana's recovery manager, which ends a pass in its backoff
 * without its phase 2 (what it would have finished is finished by the next run) and waits for a
 * pass in its phase 2 to end.
 *
 * <p>Which databases are scanned: every XA label of an open {@code MultiDb} instance (the static
 * facade's included). A label is registered when its instance is created, before its pool exists,
 * so that recovery reaches a database even when the application has not used the label since it
 * restarted, and unregistered when the last instance that has it closes.
 *
 * <p>Thread-safety: thread-safe.
 */
final class RecoveryService {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryService.class);

    private final RecoveryManager manager;
    private final LabelHelper helper = new LabelHelper();
    private final ScheduledExecutorService recoveryThread;
    private final Object requests = new Object();
    /** The requested pass that has not started yet; guarded by {@link #requests}. */
    private CompletableFuture<Void> waiting;
    /** Set once by {@link #stop()}; guarded by {@link #requests}, read without it by the pass. */
    private volatile boolean stopped;

    private RecoveryService(RecoveryManager manager, XARecoveryModule module, JtaSettings settings) {
        this.manager = manager;
        module.addXAResourceRecoveryHelper(helper);
        this.recoveryThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "multidb-jta-recovery");
            t.setDaemon(true);
            return t;
        });
        long period = settings.recoveryScanPeriod().toSeconds();
        recoveryThread.scheduleWithFixedDelay(this::backgroundPass, period, period, TimeUnit.SECONDS);
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

    /**
     * @param label an XA label that no open instance has any more: no longer scanned
     */
    void unregister(String label) {
        helper.sources.remove(label);
    }

    /**
     * Asks for one full recovery pass that starts after this call, on the recovery thread, and
     * returns at once.
     *
     * @return completes when the pass has ended; exceptionally when it failed, or when
     *     {@link #stop()} came first
     */
    CompletionStage<Void> requestPass() {
        synchronized (requests) {
            if (stopped) {
                return CompletableFuture.failedStage(stoppedBeforeTheEnd());
            }
            if (waiting == null) {
                CompletableFuture<Void> pass = new CompletableFuture<>();
                try {
                    recoveryThread.execute(() -> requestedPass(pass));
                } catch (RejectedExecutionException e) {
                    return CompletableFuture.failedStage(stoppedBeforeTheEnd());
                }
                waiting = pass;
            }
            return waiting.minimalCompletionStage();
        }
    }

    private void requestedPass(CompletableFuture<Void> pass) {
        synchronized (requests) {
            if (waiting == pass) {
                waiting = null;
            }
        }
        try {
            runPass();
            pass.complete(null);
        } catch (RuntimeException | Error e) {
            pass.completeExceptionally(e);
            if (!stopped) {
                LOG.warn("Requested XA recovery pass failed; the next one runs in the next scan period", e);
            }
        }
    }

    private void backgroundPass() {
        try {
            runPass();
        } catch (RuntimeException e) {
            if (!stopped) {
                LOG.warn("XA recovery pass failed; the next one runs in the next scan period", e);
            }
        }
    }

    /** Runs on the recovery thread only, so passes never overlap. */
    private void runPass() {
        if (stopped) {
            throw stoppedBeforeTheEnd();
        }
        try {
            manager.scan();
        } catch (IllegalStateException e) {
            // Narayana's manager was terminated by stop() before the scan began
            if (stopped) {
                throw stoppedBeforeTheEnd();
            }
            throw e;
        }
        if (stopped) {
            // terminate() may have ended the scan before its phase 2
            throw stoppedBeforeTheEnd();
        }
    }

    private static IllegalStateException stoppedBeforeTheEnd() {
        return new IllegalStateException("JtaSupport.shutdown() stopped XA recovery before this pass was known to"
                + " have ended; what it did not finish, the next run's recovery finishes");
    }

    /**
     * Stops the recovery thread and terminates Narayana's recovery manager: a pass in its backoff
     * ends without its phase 2, a pass in its phase 2 is waited for, and a requested pass that has
     * not started fails.
     */
    void stop() {
        CompletableFuture<Void> notStarted;
        synchronized (requests) {
            stopped = true;
            notStarted = waiting;
            waiting = null;
        }
        // wakes a scan from its backoff, which then returns before phase 2, and waits for it to end;
        // the XA module's helper is left registered: removing it now would wait for a phase 2 that
        // will never run
        manager.terminate();
        helper.sources.clear();
        recoveryThread.shutdownNow();
        if (notStarted != null) {
            notStarted.completeExceptionally(stoppedBeforeTheEnd());
        }
        try {
            if (!recoveryThread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The XA recovery thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands Narayana one recovery resource per registered label. */
    private static final class LabelHelper implements XAResourceRecoveryHelper {
        final Map<String, XaConnectionSource> sources = new ConcurrentHashMap<>();

        @Override
        public boolean initialise(String p) {
            return true;
        }

        @Override
        public XAResource[] getXAResources() {
            List<XAResource> resources = new ArrayList<>();
            sources.forEach((label, source) -> resources.add(new RecoveryXaResource(label, source)));
            return resources.toArray(new XAResource[0]);
        }
    }
}
