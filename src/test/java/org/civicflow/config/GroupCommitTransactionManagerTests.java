package org.civicflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The group commit on the embedded H2 file database: what a request committed is in the file when the commit returns
 * (read from a copy of the file, as a restart after {@code kill -9} would), concurrent commits share a checkpoint, and
 * reading or background work does not wait. H2's own background writer is held off ({@code WRITE_DELAY} of a minute),
 * so only the transaction manager can have written the file.
 */
class GroupCommitTransactionManagerTests {

    @TempDir
    Path dir;

    private JdbcConnectionPool pool;
    private GroupCommitTransactionManager manager;
    private TransactionTemplate transaction;

    @BeforeEach
    void openDatabase() {
        pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=60000", "sa", "");
        pool.setMaxConnections(16);
        manager = new GroupCommitTransactionManager(pool, Duration.ZERO, Duration.ZERO);
        transaction = new TransactionTemplate(manager);
        JdbcClient.create(pool).sql("CREATE TABLE note (id INT PRIMARY KEY, text VARCHAR(100))").update();
    }

    @AfterEach
    void closeDatabase() {
        RequestContextHolder.resetRequestAttributes();
        pool.dispose();
    }

    @Test
    void whatARequestCommittedIsInTheFileWhenTheCommitReturns() throws Exception {
        servingARequest();
        insert(1);

        assertThat(notesInACopyOfTheFile()).containsExactly(1);
        assertThat(manager.checkpoints()).isEqualTo(1);
        assertThat(manager.checkpointNanos()).as("the checkpoint's time is counted").isPositive();
        assertThat(manager.slowCheckpoints()).isZero();
    }

    @Test
    void aTransactionWithinAnotherIsInTheFileWhenItsCommitReturnsAndTheOuterOneGoesOn() throws Exception {
        servingARequest();
        TransactionTemplate inner = new TransactionTemplate(manager);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        List<Integer> afterInnerCommit = new ArrayList<>();

        transaction.executeWithoutResult(outer -> {
            insert(1, outer);
            inner.executeWithoutResult(status -> insert(2, status));
            try {
                afterInnerCommit.addAll(notesInACopyOfTheFile());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            insert(3, outer); // on the outer transaction's connection, resumed after the inner one
        });

        assertThat(afterInnerCommit).containsExactly(2);
        assertThat(notesInACopyOfTheFile()).containsExactly(1, 2, 3);
    }

    @Test
    void backgroundWorkDoesNotWaitForTheFile() throws Exception {
        insert(1); // no request: like the job executor, made durable by the next group or H2's background write

        assertThat(notesInACopyOfTheFile()).isEmpty();
        assertThat(manager.checkpoints()).isZero();

        servingARequest();
        insert(2); // the next group takes it along
        assertThat(notesInACopyOfTheFile()).containsExactly(1, 2);
    }

    @Test
    void concurrentRequestsShareCheckpointsAndAllReachTheFile() throws Exception {
        int threads = 8;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * each;
                done.add(pool.submit(() -> {
                    servingARequest();
                    for (int i = first; i < first + each; i++) {
                        insert(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(notesInACopyOfTheFile()).hasSize(threads * each);
        assertThat(manager.writtenCommits()).isEqualTo(threads * each);
        assertThat(manager.checkpoints()).isLessThan(threads * each);
    }

    @Test
    void aCheckpointWaitsForTheRequestsStillRunningSoTheyShareIt() throws Exception {
        GroupCommitTransactionManager gathering = new GroupCommitTransactionManager(pool, Duration.ofSeconds(30), Duration.ZERO);
        TransactionTemplate gatheringTransaction = new TransactionTemplate(gathering);
        CountDownLatch secondWrote = new CountDownLatch(1);
        CountDownLatch secondMayCommit = new CountDownLatch(1);
        ExecutorService requests = Executors.newFixedThreadPool(2);
        try {
            Future<?> second = requests.submit(() -> {
                servingARequest();
                gatheringTransaction.executeWithoutResult(status -> {
                    insert(2, status);
                    secondWrote.countDown();
                    await(secondMayCommit);
                });
                return null;
            });
            secondWrote.await();
            Future<?> first = inARequest(requests, gatheringTransaction, 1);

            Awaitility.await("the first commit gathering").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10)).until(gathering::isGathering);
            assertThat(first).as("committed, waiting for the other request to join its checkpoint").isNotDone();
            secondMayCommit.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
        } finally {
            requests.shutdown();
        }

        assertThat(notesInACopyOfTheFile()).containsExactly(1, 2);
        assertThat(gathering.writtenCommits()).isEqualTo(2);
        assertThat(gathering.checkpoints()).isOne();
    }

    @Test
    void aCheckpointWithNoOtherRequestRunningDoesNotWait() throws Exception {
        GroupCommitTransactionManager gathering = new GroupCommitTransactionManager(pool, Duration.ofSeconds(30), Duration.ZERO);
        ExecutorService request = Executors.newSingleThreadExecutor();
        try {
            inARequest(request, new TransactionTemplate(gathering), 1)
                    .get(10, TimeUnit.SECONDS); // far less than the 30 s it could gather for
        } finally {
            request.shutdown();
        }

        assertThat(notesInACopyOfTheFile()).containsExactly(1);
    }

    @Test
    void commitsThatFollowACheckpointWithinTheSpacingWaitWithoutTheirConnectionAndShareTheNextOne() throws Exception {
        GroupCommitTransactionManager spaced = new GroupCommitTransactionManager(pool, Duration.ZERO, Duration.ofSeconds(5));
        TransactionTemplate spacedTransaction = new TransactionTemplate(spaced);
        ExecutorService requests = Executors.newFixedThreadPool(3);
        try {
            served(spaced, requests, spacedTransaction, 1)
                    .get(4, TimeUnit.SECONDS); // after a quiet moment: written at once, not after the 5 s spacing
            assertThat(spaced.checkpoints()).isOne();
            // one connection: had the waiting second commit kept it, the third could not even begin before that wait ended
            pool.setMaxConnections(1);

            spaced.requestStarted(); // the third request is being served meanwhile, so the second one's commit waits
            joinedWhileWaiting(spaced, requests, spacedTransaction, 2,
                    () -> inARequest(requests, spacedTransaction, 3));
            spaced.requestFinished();
        } finally {
            requests.shutdown();
        }

        assertThat(notesInACopyOfTheFile()).containsExactly(1, 2, 3);
        assertThat(spaced.writtenCommits()).isEqualTo(3);
        assertThat(spaced.checkpoints()).as("the third joined the second's checkpoint").isEqualTo(2);
    }

    @Test
    void aCommitWhileNoOtherRequestIsBeingServedDoesNotWaitForTheSpacing() throws Exception {
        GroupCommitTransactionManager spaced = new GroupCommitTransactionManager(pool, Duration.ZERO, Duration.ofSeconds(5));
        TransactionTemplate spacedTransaction = new TransactionTemplate(spaced);
        ExecutorService requests = Executors.newFixedThreadPool(1);
        try { // one client sending one request after another: nobody could join a group, so nobody waits
            served(spaced, requests, spacedTransaction, 1).get(4, TimeUnit.SECONDS);
            served(spaced, requests, spacedTransaction, 2).get(4, TimeUnit.SECONDS);
        } finally {
            requests.shutdown();
        }

        assertThat(notesInACopyOfTheFile()).containsExactly(1, 2);
        assertThat(spaced.checkpoints()).isEqualTo(2);
    }

    @Test
    void inAStreamOfOverlappingCommitsACommitWaitsForTheSpacingEvenWhileNoOtherRequestIsBeingServed() throws Exception {
        GroupCommitTransactionManager spaced =
                new GroupCommitTransactionManager(pool, Duration.ZERO, Duration.ofSeconds(2));
        TransactionTemplate spacedTransaction = new TransactionTemplate(spaced);
        ExecutorService requests = Executors.newFixedThreadPool(3);
        try {
            served(spaced, requests, spacedTransaction, 1).get(4, TimeUnit.SECONDS); // after a quiet moment: at once
            spaced.requestStarted(); // requests overlap: the second commit waits, the third joins it
            joinedWhileWaiting(spaced, requests, spacedTransaction, 2,
                    () -> inARequest(requests, spacedTransaction, 3));
            spaced.requestFinished();
            assertThat(spaced.checkpoints()).isEqualTo(2);

            // nothing else is being served now, but commits came within the spacing and shared a checkpoint: the
            // fourth waits for the spacing, and the fifth, a moment later, shares its checkpoint
            joinedWhileWaiting(spaced, requests, spacedTransaction, 4,
                    () -> served(spaced, requests, spacedTransaction, 5));
        } finally {
            requests.shutdown();
        }

        assertThat(notesInACopyOfTheFile()).containsExactly(1, 2, 3, 4, 5);
        assertThat(spaced.checkpoints()).as("the fifth joined the fourth's checkpoint").isEqualTo(3);
    }

    @Test
    void theRequestFilterLetsACommitWaitOnlyWhileAnotherRequestIsBeingServed() throws Exception {
        GroupCommitTransactionManager spaced = new GroupCommitTransactionManager(pool, Duration.ZERO, Duration.ofSeconds(5));
        TransactionTemplate spacedTransaction = new TransactionTemplate(spaced);
        RequestsBeingServed filter = new RequestsBeingServed(spaced);
        CountDownLatch slowRequestBegun = new CountDownLatch(1);
        CountDownLatch slowRequestMayEnd = new CountDownLatch(1);
        ExecutorService requests = Executors.newFixedThreadPool(2);
        try {
            served(spaced, requests, spacedTransaction, 1).get(4, TimeUnit.SECONDS);
            Future<?> slow = requests.submit(() -> { // e.g. a Tasklist query, still running
                filter.doFilter(new MockHttpServletRequest("GET", "/slow"), new MockHttpServletResponse(),
                        (request, response) -> {
                            slowRequestBegun.countDown();
                            await(slowRequestMayEnd);
                        });
                return null;
            });
            assertThat(slowRequestBegun.await(4, TimeUnit.SECONDS)).isTrue();
            Future<?> second = requests.submit(() -> {
                filter.doFilter(new MockHttpServletRequest("POST", "/cases"), new MockHttpServletResponse(),
                        (request, response) -> {
                            servingARequest();
                            spacedTransaction.executeWithoutResult(status -> insert(2, status));
                        });
                return null;
            });
            Awaitility.await("the commit waiting for the spacing while the slow request is served")
                    .atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(10)).until(spaced::isGathering);

            slowRequestMayEnd.countDown(); // the slow request ends without a commit: nobody else could join
            second.get(4, TimeUnit.SECONDS); // written then, not after the 5 s spacing
            slow.get(4, TimeUnit.SECONDS);
        } finally {
            slowRequestMayEnd.countDown();
            requests.shutdown();
        }

        assertThat(notesInACopyOfTheFile()).containsExactly(1, 2);
        assertThat(spaced.checkpoints()).isEqualTo(2);
    }

    @Test
    void aTransactionThatOnlyReadsDoesNotWait() {
        servingARequest();
        insert(1);
        long checkpoints = manager.checkpoints();

        Integer count = transaction.execute(status -> JdbcClient.create(this.pool).sql("SELECT COUNT(*) FROM note")
                .query(Integer.class).single());

        assertThat(count).isEqualTo(1);
        assertThat(manager.checkpoints()).isEqualTo(checkpoints);
    }

    /**
     * A served request's commit (note {@code id}) that waits for the spacing, and then another request ({@code joining}
     * submits it) that commits meanwhile. Both have returned.
     */
    private void joinedWhileWaiting(GroupCommitTransactionManager spaced, ExecutorService requests,
                                    TransactionTemplate transaction, int id, Callable<Future<?>> joining)
            throws Exception {
        Future<?> waiting = served(spaced, requests, transaction, id);
        Awaitility.await("commit " + id + " waiting for the spacing").atMost(Duration.ofSeconds(4))
                .pollInterval(Duration.ofMillis(10)).until(spaced::isGathering);
        Future<?> joined = joining.call();
        waiting.get(10, TimeUnit.SECONDS);
        joined.get(10, TimeUnit.SECONDS);
    }

    /** Inserts the note in its own transaction on one of the threads, as a request being served would. */
    private Future<?> inARequest(ExecutorService threads, TransactionTemplate transaction, int id) {
        return served(null, threads, transaction, id);
    }

    /** {@link #inARequest}, and counted as a request being served by the group commit (as the application's filter does). */
    private Future<?> served(GroupCommitTransactionManager groups, ExecutorService threads, TransactionTemplate transaction,
                             int id) {
        return threads.submit(() -> {
            if (groups != null) {
                groups.requestStarted();
            }
            try {
                servingARequest();
                transaction.executeWithoutResult(status -> insert(id, status));
            } finally {
                if (groups != null) {
                    groups.requestFinished();
                }
            }
            return null;
        });
    }

    private void insert(int id) {
        transaction.executeWithoutResult(status -> insert(id, status));
    }

    private void insert(int id, TransactionStatus joined) {
        JdbcClient.create(pool).sql("INSERT INTO note (id, text) VALUES (?, ?)").params(id, "note " + id).update();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void servingARequest() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    }

    /** Opens a copy of the file as it is on disk now: what a restart after a crash would find. */
    private List<Integer> notesInACopyOfTheFile() throws Exception {
        Path copy = Files.createTempDirectory(dir, "copy");
        Files.copy(dir.resolve("db.mv.db"), copy.resolve("db.mv.db"));
        JdbcConnectionPool restarted = JdbcConnectionPool.create("jdbc:h2:file:" + copy.resolve("db"), "sa", "");
        try {
            return JdbcClient.create(restarted).sql("SELECT id FROM note ORDER BY id").query(Integer.class).list();
        } catch (org.springframework.jdbc.BadSqlGrammarException tableNotYetInTheFile) {
            return List.of();
        } finally {
            restarted.dispose();
        }
    }
}
