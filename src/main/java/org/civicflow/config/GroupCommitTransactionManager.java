package org.civicflow.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Crash-safe commits on the embedded H2 file database, written to the file in groups.
 *
 * <p>A commit that returns must survive {@code kill -9} (scripts/crash-test.sh): a case answered {@code 201} is never
 * lost. H2's {@code WRITE_DELAY=0} gives that by writing a new chunk of the file at every commit; each chunk rewrites
 * every B-tree page the transaction touched up to the root, and with the engine's many tables and indexes that was half
 * of all CPU under load. Here H2 keeps its background writer (the URL's {@code WRITE_DELAY}), and a transaction that
 * changed data, once committed, waits until a {@code CHECKPOINT} has written its commit: one thread writes the chunk
 * for every commit that finished before it started, the others wait for it (group commit, as databases do with their
 * log). The guarantee is the one {@code WRITE_DELAY=0} gave, at one chunk per group of concurrent commits instead of
 * one per commit. Read-only transactions do not wait.
 *
 * <p>Only commits made while serving an HTTP request wait: those are the ones someone is told about (a {@code 201},
 * a completed task in Tasklist). The job executor, the schedulers and start-up do not wait: their commits reach the file
 * with the next group or H2's background write (within {@code WRITE_DELAY}, 500 ms by default), and if the process
 * dies before that, the database comes back at an earlier consistent state in which those jobs have not run yet, so
 * they run again (a mail may then go out twice: mail is at least once, docs/operations.md).
 *
 * <p>Only for H2 file databases (see {@link DatabaseConfiguration}); PostgreSQL makes its own commits durable.
 */
public class GroupCommitTransactionManager extends JdbcTransactionManager {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitTransactionManager.class);

    /** A checkpoint takes milliseconds; this only bounds a wait on a stuck one (then the commit reports an error). */
    private static final long MAX_WAIT_SECONDS = 60;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private long committed;
    private long durable;
    private boolean writing;
    private volatile long checkpoints; // written under the lock, read without it
    private volatile long groupedCommits;

    public GroupCommitTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        Connection connection = boundConnection();
        boolean acknowledged = connection != null && RequestContextHolder.getRequestAttributes() != null;
        boolean changed = acknowledged && hasChanges(connection);
        super.doCommit(status);
        if (changed) {
            awaitWritten(connection);
        }
    }

    /** Commits that changed data and waited for their checkpoint, so far. */
    public long writtenCommits() {
        return groupedCommits;
    }

    /** Checkpoints written so far: {@link #writtenCommits()} divided by this is the size of a group. */
    public long checkpoints() {
        return checkpoints;
    }

    private void awaitWritten(Connection connection) {
        lock.lock();
        try {
            long ticket = ++committed;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
            while (durable < ticket) {
                if (!writing) {
                    writing = true;
                    long upTo = committed; // every ticket up to here has committed: the checkpoint will hold it
                    boolean ok = false;
                    lock.unlock();
                    try {
                        checkpoint(connection);
                        ok = true;
                    } finally {
                        lock.lock();
                        writing = false;
                        if (ok) {
                            checkpoints++;
                            groupedCommits += upTo - durable;
                            durable = Math.max(durable, upTo);
                        }
                        written.signalAll();
                    }
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new TransactionSystemException("Committed, but not written to the database file within "
                                + MAX_WAIT_SECONDS + " s");
                    }
                    written.awaitNanos(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransactionSystemException("Interrupted while the commit was being written to the database file");
        } finally {
            lock.unlock();
        }
    }

    private static void checkpoint(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            log.error("Writing committed transactions to the H2 file failed", e);
            throw new TransactionSystemException("Committed, but writing to the database file failed", e);
        }
    }

    private Connection boundConnection() {
        Object holder = TransactionSynchronizationManager.getResource(obtainDataSource());
        return holder instanceof ConnectionHolder connectionHolder
                ? connectionHolder.getConnection() : null;
    }

    /** Whether the transaction wrote anything; when in doubt, yes. */
    private static boolean hasChanges(Connection connection) {
        try {
            if (connection.isWrapperFor(JdbcConnection.class)
                    && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
                return session.containsUncommitted();
            }
        } catch (SQLException e) {
            log.debug("Cannot tell whether the transaction wrote; waiting for its checkpoint", e);
        }
        return true;
    }
}
