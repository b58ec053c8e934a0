package io.multidb.jta.internal;

import com.arjuna.ats.arjuna.common.CoordinatorEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.RecoveryEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.arjuna.common.recoveryPropertyManager;
import com.arjuna.ats.internal.arjuna.objectstore.ShadowNoFileLockStore;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqJournalEnvironmentBean;
import com.arjuna.ats.internal.arjuna.recovery.AtomicActionRecoveryModule;
import com.arjuna.ats.internal.arjuna.utils.UuidProcessId;
import com.arjuna.ats.internal.jta.recovery.arjunacore.JTAActionStatusServiceXAResourceOrphanFilter;
import com.arjuna.ats.internal.jta.recovery.arjunacore.JTANodeNameXAResourceOrphanFilter;
import com.arjuna.ats.internal.jta.recovery.arjunacore.JTATransactionLogXAResourceOrphanFilter;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.JTAEnvironmentBean;
import com.arjuna.ats.jta.common.jtaPropertyManager;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import io.multidb.connection.ConfigurationException;
import io.multidb.jta.JtaSettings;
import java.util.List;

/**
 * Writes {@link JtaSettings} into Narayana's environment beans. Narayana copies many of them into
 * static fields when its classes initialise, so this runs before the transaction manager, the
 * object store or the recovery manager is first touched, and only once per JVM.
 *
 * <p>What is set, and why:
 * <table>
 *   <caption>Narayana settings</caption>
 *   <tr><th>bean property</th><th>value</th><th>why</th></tr>
 *   <tr><td>{@code CoreEnvironmentBean.nodeIdentifier}</td><td>the node id</td><td>written into
 *       every Xid; recovery finds its own branches by it</td></tr>
 *   <tr><td>{@code CoreEnvironmentBean.processImplementationClassName}</td><td>{@code UuidProcessId}</td>
 *       <td>the default ({@code SocketProcessId}) binds a listening socket to get a number</td></tr>
 *   <tr><td>{@code CoordinatorEnvironmentBean.transactionStatusManagerEnable}</td><td>false</td><td>no
 *       status socket; recovery reads a dead process's status from the log instead</td></tr>
 *   <tr><td>{@code RecoveryEnvironmentBean.recoveryListener}</td><td>false</td><td>no recovery
 *       socket; {@code JtaSupport.recover()} runs a pass in process</td></tr>
 *   <tr><td>{@code ObjectStoreEnvironmentBean.objectStoreDir} (all three stores)</td><td>the log
 *       directory</td><td>nothing under the working directory</td></tr>
 *   <tr><td>{@code JTAEnvironmentBean.xaRecoveryNodes}</td><td>the recovery nodes</td><td>never
 *       roll back another live node's branches</td></tr>
 *   <tr><td>{@code JTAEnvironmentBean.xaResourceRecordWrappingPlugin}</td><td>{@link LabelRecordPlugin}</td>
 *       <td>each branch's label in its log record, so that recovery can finish a transaction whose
 *       branches all committed before the process died</td></tr>
 *   <tr><td>{@code JTAEnvironmentBean.orphanSafetyInterval}</td><td>the backoff period</td><td>one
 *       recovery pass (two phases a backoff apart) settles an orphaned branch</td></tr>
 *   <tr><td>{@code RecoveryEnvironmentBean.recoveryModuleClassNames}</td><td>transaction log and XA
 *       modules only</td><td>the others need JNDI or transactional objects</td></tr>
 *   <tr><td>{@code RecoveryEnvironmentBean.expiryScannerClassNames}</td><td>none</td><td>they only
 *       clean status-manager entries, which are not written</td></tr>
 * </table>
 */
final class NarayanaEnvironment {
    private static final String JOURNAL_STORE =
            "com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqObjectStoreAdaptor";
    private static final String JOURNAL_CLASS = "org.apache.activemq.artemis.core.journal.Journal";
    private static final String JOURNAL_ARTIFACT = "org.apache.activemq:artemis-journal";

    private NarayanaEnvironment() {
    }

    /**
     * @param settings the settings to apply
     * @throws ConfigurationException when the journal store is chosen but its library is missing
     */
    static void apply(JtaSettings settings) {
        String dir = settings.logDirectory().toString();
        if (settings.logStore() == JtaSettings.LogStore.JOURNAL) {
            requireJournal();
        }

        CoreEnvironmentBean core = arjPropertyManager.getCoreEnvironmentBean();
        try {
            core.setNodeIdentifier(settings.nodeId());
        } catch (CoreEnvironmentBeanException e) {
            throw new ConfigurationException(null, "nodeId", "JtaSettings: Narayana refused node id '"
                    + settings.nodeId() + "': " + e.getMessage());
        }
        core.setProcessImplementationClassName(UuidProcessId.class.getName());
        core.setVarDir(dir);

        for (ObjectStoreEnvironmentBean store : List.of(
                BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class),
                BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "communicationStore"),
                BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "stateStore"))) {
            store.setObjectStoreDir(dir);
            store.setTransactionSync(true);
        }
        ObjectStoreEnvironmentBean actionStore = BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class);
        if (settings.logStore() == JtaSettings.LogStore.JOURNAL) {
            actionStore.setObjectStoreType(JOURNAL_STORE);
            HornetqJournalEnvironmentBean journal =
                    BeanPopulator.getDefaultInstance(HornetqJournalEnvironmentBean.class);
            journal.setStoreDir(settings.logDirectory().resolve("journal").toString());
            // NIO rather than libaio: the native library is not on every machine
            journal.setAsyncIO(false);
            journal.setSyncWrites(true);
            journal.setSyncDeletes(true);
        } else {
            actionStore.setObjectStoreType(ShadowNoFileLockStore.class.getName());
        }

        CoordinatorEnvironmentBean coordinator = arjPropertyManager.getCoordinatorEnvironmentBean();
        coordinator.setDefaultTimeout((int) settings.defaultTransactionTimeout().toSeconds());
        coordinator.setTransactionStatusManagerEnable(false);
        coordinator.setCommitOnePhase(true);

        RecoveryEnvironmentBean recovery = recoveryPropertyManager.getRecoveryEnvironmentBean();
        recovery.setRecoveryListener(false);
        recovery.setPeriodicRecoveryPeriod((int) settings.recoveryScanPeriod().toSeconds());
        recovery.setRecoveryBackoffPeriod((int) settings.recoveryBackoffPeriod().toSeconds());
        recovery.setRecoveryModuleClassNames(List.of(AtomicActionRecoveryModule.class.getName(),
                XARecoveryModule.class.getName()));
        recovery.setExpiryScannerClassNames(List.of());
        recovery.setRecoveryActivatorClassNames(List.of());

        JTAEnvironmentBean jta = jtaPropertyManager.getJTAEnvironmentBean();
        jta.setXaRecoveryNodes(settings.recoveryNodes());
        // each branch's label in its log record, so that recovery can finish a transaction whose
        // branches had all committed when the process died (see LabelRecordPlugin)
        jta.setXAResourceRecordWrappingPlugin(new LabelRecordPlugin());
        jta.setXaResourceOrphanFilterClassNames(List.of(JTATransactionLogXAResourceOrphanFilter.class.getName(),
                JTANodeNameXAResourceOrphanFilter.class.getName(),
                JTAActionStatusServiceXAResourceOrphanFilter.class.getName()));
        jta.setXaResourceRecoveryClassNames(List.of());
        jta.setOrphanSafetyInterval((int) settings.recoveryBackoffPeriod().toMillis());
    }

    private static void requireJournal() {
        try {
            Class.forName(JOURNAL_CLASS, false, NarayanaEnvironment.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigurationException(null, "logStore", "JtaSettings: logStore JOURNAL needs Narayana's journal"
                    + " library, which is not on the class path: add " + JOURNAL_ARTIFACT + " (or use LogStore.FILE)");
        }
    }
}
