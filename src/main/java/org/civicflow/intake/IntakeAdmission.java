package org.civicflow.intake;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How many submissions the intake takes at once, how many may wait in line, and how long one waits for its turn
 * before it is turned away.
 *
 * <p>When requests arrive faster than the node can take them in (a hotline surge in a rainstorm), they would otherwise
 * wait for a database connection for as long as the pool lets them (30 s), past the time their clients wait: the node
 * then spends its time on cases whose submitters have already given up, and answers almost nobody in time. Here a
 * submission waits in line, first come first served, at most {@code civicflow.intake.admission.max-wait}; one that
 * finds {@code queue} others already waiting does not wait at all. Either is refused at once with
 * {@link IntakeBusyException} (503 and {@code Retry-After}), before anything is stored. The node goes on answering the
 * submissions it took at the rate it can, and a client retrying with the same {@code Idempotency-Key} can never make a
 * second case.
 *
 * <p>A turn lasts until the submission's transaction completes ({@link #endTurnWithTransaction()}): on H2 the wait for
 * the commit's write to the file comes after that and holds neither a turn nor a connection
 * (config/GroupCommitTransactionManager), so the commits of many submissions still share one write under load. The line
 * is bounded so that the submissions waiting in it never take all of the web server's request threads.
 *
 * <p>Metrics: {@code civicflow.intake.refused} (submissions turned away), {@code civicflow.intake.waiting} and
 * {@code civicflow.intake.running}.
 */
@Component
public class IntakeAdmission {

    private static final Logger log = LoggerFactory.getLogger(IntakeAdmission.class);
    /** At most one warning per this many milliseconds while submissions are being refused. */
    private static final long WARN_EVERY_MILLIS = 10_000;

    private final int concurrency;
    private final int queue;
    private final Duration maxWait;
    private final Semaphore turns;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Counter refused;
    private final AtomicLong refusedSinceWarning = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong();
    /** The turn the submission on this thread holds, while it holds one. */
    private final ThreadLocal<AtomicBoolean> held = new ThreadLocal<>();

    IntakeAdmission(@Value("${civicflow.intake.admission.concurrency:16}") int concurrency,
                    @Value("${civicflow.intake.admission.queue:128}") int queue,
                    @Value("${civicflow.intake.admission.max-wait:PT3S}") Duration maxWait, MeterRegistry meters) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("civicflow.intake.admission.concurrency must be at least 1, not " + concurrency);
        }
        if (queue < 0) {
            throw new IllegalArgumentException("civicflow.intake.admission.queue must not be negative, not " + queue);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("civicflow.intake.admission.max-wait must not be negative, not " + maxWait);
        }
        this.concurrency = concurrency;
        this.queue = queue;
        this.maxWait = maxWait;
        this.turns = new Semaphore(concurrency, true);
        this.refused = Counter.builder("civicflow.intake.refused")
                .description("Submissions turned away (503): no intake turn within the max wait, or the line was full")
                .register(meters);
        Gauge.builder("civicflow.intake.waiting", waiting, AtomicInteger::get)
                .description("Submissions waiting for their turn in the intake").register(meters);
        Gauge.builder("civicflow.intake.running", turns, t -> concurrency - t.availablePermits())
                .description("Submissions in their transaction now, each holding a turn").register(meters);
    }

    /**
     * Runs the intake once it is this submission's turn.
     *
     * @throws IntakeBusyException if no turn came within the max wait; the intake did not run
     */
    public <T> T admit(Supplier<T> intake) {
        if (!awaitTurn()) {
            refused();
            throw new IntakeBusyException(retryAfterSeconds());
        }
        AtomicBoolean turn = new AtomicBoolean(true);
        AtomicBoolean outer = held.get();
        held.set(turn);
        try {
            return intake.get();
        } finally {
            held.set(outer);
            if (outer == null) {
                held.remove();
            }
            giveBack(turn);
        }
    }

    /**
     * Ends this thread's turn when the current transaction completes, before the commit's wait for the file. A no-op
     * without a turn or without a transaction. Should the submission run another transaction after that (a retry of
     * a raced idempotency key), it runs without a turn.
     */
    public void endTurnWithTransaction() {
        AtomicBoolean turn = held.get();
        if (turn == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                giveBack(turn);
            }
        });
    }

    private void giveBack(AtomicBoolean turn) {
        if (turn.compareAndSet(true, false)) {
            turns.release();
        }
    }

    private boolean awaitTurn() {
        int inLine = waiting.incrementAndGet();
        try {
            // with the line full, only a turn free right now (a fair semaphore's zero wait still honours the line)
            return turns.tryAcquire(inLine > queue ? 0 : maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void refused() {
        refused.increment();
        long count = refusedSinceWarning.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
            refusedSinceWarning.addAndGet(-count);
            log.warn("The intake is busy: {} submission(s) turned away (503), each after waiting {} for one of {} turns "
                    + "or finding {} in line; {} waiting now", count, maxWait, concurrency, queue, waiting.get());
        }
    }

    /** What a refused client is told to wait before it retries: the max wait, in whole seconds, at least one. */
    int retryAfterSeconds() {
        return (int) Math.max(1, (maxWait.toMillis() + 999) / 1000);
    }
}
