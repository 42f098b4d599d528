package org.civicflow.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
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
 * <p>The wait comes after the transaction's connection is back in the pool: a committed transaction needs it no
 * more, and the checkpoint goes to the database directly. So a commit waiting for its group does not keep the next
 * request from starting its transaction, and under a backlog the pool serves work, not waits (with the connection
 * held, a pool of 10 and waits of up to the spacing capped intake at about 120 cases/s, so a backlog once formed
 * drained slowly: docs/benchmarks.md, series N). A transaction within another ({@code REQUIRES_NEW}) still waits at
 * its commit: a wait that failed in the clean-up would keep Spring from resuming the outer one.
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
    /** A checkpoint longer than this is counted as slow: every commit of its group waited for it. */
    static final Duration SLOW_CHECKPOINT = Duration.ofMillis(250);
    /** A checkpoint longer than this is also logged: answers were held up that long (a slow disk, a stalled machine). */
    private static final Duration LOGGED_CHECKPOINT = Duration.ofSeconds(1);
    /** The moving averages of {@link #aStream()} weigh the newest value by one in this many. */
    private static final int TREND = 8;
    /** Commits per checkpoint on average above which requests overlap: one group of two in the last few checkpoints. */
    private static final double OVERLAPPING = 1.05;
    /** The most a gap between commits counts in their average, and where it starts: a quiet hour is soon forgotten. */
    private static final long LONGEST_INTERVAL = TimeUnit.SECONDS.toNanos(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private final Condition joined = lock.newCondition();
    private final long gatherNanos;
    private final long spacingNanos;
    private long lastWriteStarted; // System.nanoTime() of the last checkpoint's start, under the lock
    private long lastCommit = System.nanoTime(); // under the lock, as are the two averages below
    /** The time between request commits, a moving average: how often they come now. */
    private long commitInterval = LONGEST_INTERVAL;
    /** Commits per checkpoint, a moving average over the last checkpoints: whether requests overlap now. */
    private double groupTrend = 1;
    /** Transactions of HTTP requests begun and not yet completed: the commits a checkpoint may wait for. */
    private final AtomicInteger active = new AtomicInteger();
    /** HTTP requests being served ({@link #requestStarted()}), whether or not in a transaction yet. */
    private final AtomicInteger serving = new AtomicInteger();
    private final ThreadLocal<int[]> begunHere = ThreadLocal.withInitial(() -> new int[1]);
    /** Set by a commit that must reach the file, until the transaction's clean-up waits for it. */
    private final ThreadLocal<Durability> toAwait = new ThreadLocal<>();
    private volatile boolean gathering;
    private long committed;
    private long durable;
    private int awaiting; // threads in awaitWritten
    private boolean writing;
    private volatile long checkpoints; // written under the lock, read without it
    private volatile long groupedCommits;
    private volatile long checkpointNanos;
    private volatile long slowCheckpoints;

    /**
     * @param gather  how long a checkpoint may wait for the request transactions still running to commit and join its
     *                group (like PostgreSQL's {@code commit_delay}); it waits only while there are such transactions
     * @param spacing the least time from one checkpoint's start to the next one's: a commit that comes sooner waits
     *                for the rest of it, with the commits that come meanwhile. Under a steady stream of commits that
     *                do not overlap (an arrival rate rather than many at once) this is what makes groups. A commit
     *                that comes after a quiet moment does not wait, nor does one while no other request is being
     *                served, unless commits come as a stream ({@link #aStream()}); a single client sending one
     *                request after another does not wait
     */
    public GroupCommitTransactionManager(DataSource dataSource, Duration gather, Duration spacing) {
        super(dataSource);
        this.gatherNanos = gather.toNanos();
        this.spacingNanos = spacing.toNanos();
        this.lastWriteStarted = System.nanoTime() - spacingNanos;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        super.doBegin(transaction, definition);
        if (RequestContextHolder.getRequestAttributes() != null) {
            begunHere.get()[0]++;
            active.incrementAndGet();
        }
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        Durability committed = toAwait.get();
        toAwait.remove();
        try {
            super.doCleanupAfterCompletion(transaction); // the connection goes back to the pool
            if (committed != null) {
                awaitWritten(committed.database());
            }
        } finally {
            int[] begun = begunHere.get();
            if (begun[0] > 0) {
                begun[0]--;
                active.decrementAndGet();
                if (gathering) { // a transaction that did not join (read only, rolled back) may end the wait
                    signalGatherer();
                }
            }
        }
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        Connection connection = boundConnection();
        boolean acknowledged = connection != null && RequestContextHolder.getRequestAttributes() != null;
        SessionLocal session = acknowledged ? sessionOf(connection) : null;
        // when in doubt (not an H2 session), it changed something
        boolean changed = acknowledged && (session == null || session.containsUncommitted());
        super.doCommit(status);
        if (changed) {
            Database database = session == null ? null : session.getDatabase();
            if (status.getSuspendedResources() != null) {
                // an outer transaction is resumed after the clean-up, which a failed wait there would skip: wait here
                awaitWritten(database);
            } else {
                toAwait.set(new Durability(database));
            }
        }
    }

    /** A commit to be written to the file; the database to checkpoint, if known. */
    private record Durability(Database database) {
    }

    /** An HTTP request began to be served (a filter calls this, and {@link #requestFinished()} when it is done). */
    public void requestStarted() {
        serving.incrementAndGet();
    }

    /** The HTTP request of the matching {@link #requestStarted()} was served. */
    public void requestFinished() {
        serving.decrementAndGet();
        if (gathering) { // the last request that could have joined may be gone: the wait for the spacing ends
            signalGatherer();
        }
    }

    /** Commits that changed data and waited for their checkpoint, so far. */
    public long writtenCommits() {
        return groupedCommits;
    }

    /** Time spent writing checkpoints so far, in nanoseconds. */
    public long checkpointNanos() {
        return checkpointNanos;
    }

    /** Checkpoints so far that took longer than {@link #SLOW_CHECKPOINT}. */
    public long slowCheckpoints() {
        return slowCheckpoints;
    }

    /** Whether a checkpoint is waiting for running request transactions to join its group right now. */
    boolean isGathering() {
        return gathering;
    }

    /** Checkpoints written so far: {@link #writtenCommits()} divided by this is the size of a group. */
    public long checkpoints() {
        return checkpoints;
    }

    private void awaitWritten(Database database) {
        lock.lock();
        try {
            long ticket = ++committed;
            long now = System.nanoTime();
            commitInterval += (Math.min(now - lastCommit, LONGEST_INTERVAL) - commitInterval) / TREND;
            lastCommit = now;
            awaiting++;
            joined.signalAll();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
            while (durable < ticket) {
                if (!writing) {
                    writing = true;
                    gather();
                    long upTo = committed; // every ticket up to here has committed: the checkpoint will hold it
                    lastWriteStarted = System.nanoTime();
                    boolean ok = false;
                    lock.unlock();
                    long took = 0;
                    long group = 0;
                    try {
                        long started = System.nanoTime();
                        checkpoint(database);
                        took = System.nanoTime() - started;
                        ok = true;
                    } finally {
                        lock.lock();
                        writing = false;
                        if (ok) {
                            checkpoints++;
                            group = upTo - durable;
                            groupedCommits += group;
                            groupTrend += (group - groupTrend) / TREND;
                            durable = Math.max(durable, upTo);
                            checkpointNanos += took;
                            if (took > SLOW_CHECKPOINT.toNanos()) {
                                slowCheckpoints++;
                            }
                        }
                        written.signalAll();
                    }
                    if (took > LOGGED_CHECKPOINT.toNanos()) {
                        log.warn("Writing {} committed transaction(s) to the H2 file took {} ms; their answers waited for it",
                                group, took / 1_000_000);
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
            awaiting--;
            lock.unlock();
        }
    }

    /**
     * Before a checkpoint (holding the lock, as the writer): waits at most the gathering time while request
     * transactions are still running, so that those that commit meanwhile are written in the same chunk. Every chunk
     * rewrites each B-tree page its transactions touched, and a case touches about the same pages as the one before it,
     * so a chunk for several commits costs little more than a chunk for one. With nothing else running it does not wait.
     * It also waits until the spacing since the last checkpoint's start has passed, if it has not yet and other
     * requests are being served (one of them may commit meanwhile; with none, waiting would only delay this one).
     */
    private void gather() throws InterruptedException {
        long paced = lastWriteStarted + spacingNanos;
        long until = System.nanoTime() + gatherNanos;
        int outerHere = begunHere.get()[0] - 1; // this thread's outer transactions cannot commit while it waits here
        gathering = true;
        try {
            while (true) {
                long now = System.nanoTime();
                long end = serving.get() > awaiting || aStream() ? paced : now;
                if (gatherNanos > 0 && active.get() - outerHere > awaiting && until - end > 0) {
                    end = until;
                }
                long left = end - now;
                if (left <= 0) {
                    return;
                }
                joined.awaitNanos(left);
            }
        } finally {
            gathering = false;
        }
    }

    /**
     * Whether request commits come as a stream now: more often than the spacing, from requests that overlap (some of
     * the last checkpoints wrote more than one commit). Then a commit waits for the spacing even at a moment when no
     * other request is being served: at a steady arrival rate the next request is usually only just arriving, and
     * commits within the spacing share the checkpoint. A checkpoint costs about the same for one commit as for several,
     * some 7-9 ms of CPU here (docs/benchmarks.md, series X), and without this rule most checkpoints at 100 requests a
     * second wrote one or two commits. One client sending one request after another never overlaps itself: it does not
     * wait, or, right after a stream, only until some twenty of its own single-commit checkpoints have brought the
     * average of commits per checkpoint back down (each wait at most one spacing).
     */
    private boolean aStream() {
        return commitInterval < spacingNanos && groupTrend > OVERLAPPING;
    }

    private void signalGatherer() {
        lock.lock();
        try {
            joined.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Writes every commit so far to the file: what H2's {@code CHECKPOINT} statement does. */
    private void checkpoint(Database database) {
        try {
            if (database != null) {
                database.checkpoint();
                return;
            }
            try (Connection connection = obtainDataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
        } catch (SQLException | RuntimeException e) {
            log.error("Writing committed transactions to the H2 file failed", e);
            throw new TransactionSystemException("Committed, but writing to the database file failed", e);
        }
    }

    private Connection boundConnection() {
        Object holder = TransactionSynchronizationManager.getResource(obtainDataSource());
        return holder instanceof ConnectionHolder connectionHolder
                ? connectionHolder.getConnection() : null;
    }

    /** The embedded H2 session behind the connection, or null if it is not one (or cannot be told). */
    private static SessionLocal sessionOf(Connection connection) {
        try {
            return H2Session.of(connection);
        } catch (SQLException e) {
            log.debug("Cannot tell whether the transaction wrote; waiting for its checkpoint", e);
            return null;
        }
    }
}
