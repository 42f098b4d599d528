package org.civicflow.config;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a request failed because the database could not be reached or no connection came free in time (a database
 * restart, an overload): the request's transaction never began or was rolled back, so nothing of it is stored and the
 * client should try again later. The APIs answer {@code 503} with {@code Retry-After} for it, not {@code 500}; a retry
 * with the same {@code Idempotency-Key} can never create a second case.
 */
public final class DatabaseUnavailable {

    /** What the APIs put in {@code Retry-After}, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** What the APIs tell the client (a problem's {@code detail}, an Open311 error's description). */
    public static final String DETAIL = "The database cannot be reached right now; nothing was stored. Please retry in "
            + RETRY_AFTER_SECONDS + " seconds (with the same Idempotency-Key, a retry never makes a second case).";

    private static final int MAX_DEPTH = 32;

    private DatabaseUnavailable() {
    }

    /** Whether the failure or one of its causes (at most {@value #MAX_DEPTH} deep: a cycle ends there) is one of those. */
    public static boolean isCauseOf(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
