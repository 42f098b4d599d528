package org.civicflow.config;

import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * State that belongs to the current transaction, kept as one of its synchronizations rather than bound as a resource:
 * a transaction suspended by a {@code REQUIRES_NEW} one keeps its own, and the new one starts without.
 */
public final class TransactionScoped {

    private TransactionScoped() {
    }

    /**
     * The current transaction's synchronization of this type that {@code ours} accepts, registered from
     * {@code create} the first time. Only while transaction synchronization is active.
     */
    public static <T extends TransactionSynchronization> T synchronization(Class<T> type, Predicate<T> ours,
                                                                         Supplier<T> create) {
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (type.isInstance(s) && ours.test(type.cast(s))) {
                return type.cast(s);
            }
        }
        T created = create.get();
        TransactionSynchronizationManager.registerSynchronization(created);
        return created;
    }
}
