package org.civicflow.audit;

import java.util.ArrayList;
import java.util.List;

import org.civicflow.config.TransactionScoped;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;

/**
 * The entries one transaction records, appended to the chain just before it commits. Taking the chain head's row
 * lock at the first entry would hold it for the rest of the transaction (a whole case intake: rules, jurisdiction,
 * process start), so every auditing transaction on every node would run one after another; appended here, they
 * queue only for the appends and the commit itself. Each entry still commits or rolls back with its change.
 *
 * <p>Registered as a synchronization of the current transaction (not bound as a resource), so a transaction
 * suspended by a {@code REQUIRES_NEW} one keeps its own entries.
 */
final class PendingAppends implements TransactionSynchronization {

    /** An entry with everything taken from the engine call already resolved; seq, time and hash come at append. */
    record Pending(String actor, String office, String businessKey, String processInstanceId, String action,
                   String canonicalDetails) {
    }

    private final AuditLedger ledger;
    private final List<Pending> entries = new ArrayList<>();
    private boolean appended;

    private PendingAppends(AuditLedger ledger) {
        this.ledger = ledger;
    }

    /** Records in the current transaction: deferred to its commit, or at once when its appends are already done. */
    static void record(AuditLedger ledger, Pending entry) {
        PendingAppends pending = TransactionScoped.synchronization(PendingAppends.class, p -> p.ledger == ledger,
                () -> new PendingAppends(ledger));
        if (pending.appended) {
            // recorded by another synchronization's beforeCommit after ours: the head is ours already
            append(ledger, entry);
        } else {
            pending.entries.add(entry);
        }
    }

    static void append(AuditLedger ledger, Pending e) {
        ledger.append(e.actor(), e.office(), e.businessKey(), e.processInstanceId(), e.action(), e.canonicalDetails());
    }

    @Override
    public void beforeCommit(boolean readOnly) {
        if (!entries.isEmpty()) {
            ledger.appendAll(entries);
        }
        entries.clear();
        appended = true;
    }

    @Override
    public int getOrder() {
        // after other synchronizations, so what they record in their beforeCommit joins this one's appends
        return Ordered.LOWEST_PRECEDENCE;
    }
}
