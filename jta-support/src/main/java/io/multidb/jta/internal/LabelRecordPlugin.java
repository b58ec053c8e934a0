package io.multidb.jta.internal;

import com.arjuna.ats.internal.jta.resources.arjunacore.XAResourceRecord;
import com.arjuna.ats.internal.jta.resources.arjunacore.XAResourceRecordWrappingPlugin;
import javax.transaction.xa.XAResource;
import org.jboss.tm.XAResourceWrapper;

/**
 * Writes the label of each branch into Narayana's transaction log: the resources Agroal enlists are
 * {@link XAResourceWrapper}s named after the label, and this copies that name (and Agroal's product
 * name and version, for Narayana's log lines) into the branch's log record.
 *
 * <p>Without the name, a transaction whose branches had all committed when its process died, the
 * log record not yet deleted, could never be finished: recovery finds no prepared branch of it on
 * any database (they committed), so it has no resource to finish the record with, and Narayana
 * keeps such a record, warning on every pass, unless it knows the branch's database was asked.
 * With the label in the record and {@link RecoveryXaResource} named after the same label, it knows
 * the database answered and had nothing left of the branch: the branch committed, and the record
 * is removed. (So a label must not be pointed at another database while it has transactions in
 * doubt; see docs/reliability.md.)
 *
 * <p>Thread-safety: stateless.
 */
final class LabelRecordPlugin implements XAResourceRecordWrappingPlugin {

    @Override
    public void transcribeWrapperData(XAResourceRecord record) {
        if (record.value() instanceof XAResourceWrapper wrapper && wrapper.getJndiName() != null) {
            record.setJndiName(wrapper.getJndiName());
            record.setProductName(wrapper.getProductName());
            record.setProductVersion(wrapper.getProductVersion());
        }
    }

    /** The branch qualifier's EIS number: 0, as without a plugin (the label is in the record instead). */
    @Override
    public Integer getEISName(XAResource resource) {
        return 0;
    }

    @Override
    public String getEISName(Integer eisName) {
        return String.valueOf(eisName);
    }
}
