package org.civicflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** How many intakes run at once, and what happens to a submission that finds them all taken for too long. */
class IntakeAdmissionTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void release() {
        threads.shutdownNow();
    }

    @Test
    void aSubmissionThatFindsEveryTurnTakenPastTheMaxWaitIsTurnedAwayWithoutRunning() throws Exception {
        IntakeAdmission admission = new IntakeAdmission(2, 10, Duration.ofMillis(300), meters);
        try (HeldTurns held = new HeldTurns(admission, 2)) {
            AtomicBoolean ran = new AtomicBoolean();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> admission.admit(() -> ran.getAndSet(true)))
                    .isInstanceOf(IntakeBusyException.class)
                    .hasMessageContaining("nothing was stored")
                    .satisfies(e -> assertThat(((IntakeBusyException) e).retryAfterSeconds()).isEqualTo(1));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            assertThat(ran).isFalse();
            assertThat(waitedMillis).as("it waited its turn for the max wait first").isGreaterThanOrEqualTo(290);
            assertThat(meters.get("civicflow.intake.refused").counter().count()).isEqualTo(1);
            assertThat(running()).isEqualTo(2);
        }
        assertThat(running()).isZero();
    }

    @Test
    void aSubmissionWaitsForTheNextFreeTurnAndThenRuns() throws Exception {
        IntakeAdmission admission = new IntakeAdmission(1, 10, Duration.ofSeconds(10), meters);
        Future<String> waiting;
        try (HeldTurns held = new HeldTurns(admission, 1)) {
            waiting = threads.submit(() -> admission.admit(() -> "after the first"));
            awaitInLine(1);
            assertThat(waiting.isDone()).isFalse();
        }

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo("after the first");
        assertThat(meters.get("civicflow.intake.refused").counter().count()).isZero();
        assertThat(meters.get("civicflow.intake.waiting").gauge().value()).isZero();
    }

    @Test
    void aSubmissionThatFindsTheLineFullIsTurnedAwayAtOnce() throws Exception {
        IntakeAdmission admission = new IntakeAdmission(1, 1, Duration.ofSeconds(10), meters);
        try (HeldTurns held = new HeldTurns(admission, 1)) {
            threads.submit(() -> admission.admit(() -> "second in line"));
            awaitInLine(1);

            long t0 = System.nanoTime();
            assertThatThrownBy(() -> admission.admit(() -> "third")).isInstanceOf(IntakeBusyException.class);

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("no wait of 10 s").isLessThan(2_000);
            assertThat(meters.get("civicflow.intake.refused").counter().count()).isEqualTo(1);
            assertThat(meters.get("civicflow.intake.waiting").gauge().value()).isEqualTo(1);
        }
    }

    @Test
    void aTurnEndsWithTheTransactionSoTheWaitForTheFileAfterItTakesNone() {
        IntakeAdmission admission = new IntakeAdmission(1, 10, Duration.ZERO, meters);

        String outcome = admission.admit(() -> {
            TransactionSynchronizationManager.initSynchronization();
            try {
                admission.endTurnWithTransaction();
                assertThat(running()).isEqualTo(1);
                TransactionSynchronizationUtils.invokeAfterCompletion(
                        TransactionSynchronizationManager.getSynchronizations(), TransactionSynchronization.STATUS_COMMITTED);
            } finally {
                TransactionSynchronizationManager.clearSynchronization();
            }
            // committed, now waiting for the file: another submission may run
            assertThat(running()).isZero();
            return admission.admit(() -> "the next one ran meanwhile");
        });

        assertThat(outcome).isEqualTo("the next one ran meanwhile");
        assertThat(running()).isZero();
        assertThat(admission.admit(() -> "one turn, still")).isEqualTo("one turn, still");
    }

    @Test
    void withoutATransactionTheTurnLastsTheWholeSubmission() {
        IntakeAdmission admission = new IntakeAdmission(1, 10, Duration.ZERO, meters);

        admission.admit(() -> {
            admission.endTurnWithTransaction();
            assertThat(running()).isEqualTo(1);
            return null;
        });

        assertThat(running()).isZero();
    }

    @Test
    void aFailedIntakeGivesItsTurnBack() {
        IntakeAdmission admission = new IntakeAdmission(1, 10, Duration.ZERO, meters);

        assertThatThrownBy(() -> admission.admit(() -> {
            throw new InvalidSubmissionException(List.of(new FieldProblem("category", "is required")));
        })).isInstanceOf(InvalidSubmissionException.class);

        assertThat(admission.admit(() -> "next")).isEqualTo("next");
    }

    @Test
    void theRetryAfterIsTheMaxWaitInWholeSecondsAtLeastOne() {
        assertThat(new IntakeAdmission(1, 10, Duration.ZERO, meters).retryAfterSeconds()).isEqualTo(1);
        assertThat(new IntakeAdmission(1, 10, Duration.ofMillis(2500), new SimpleMeterRegistry()).retryAfterSeconds()).isEqualTo(3);
        assertThatThrownBy(() -> new IntakeAdmission(0, 10, Duration.ZERO, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concurrency");
    }

    private double running() {
        return meters.get("civicflow.intake.running").gauge().value();
    }

    /** Until so many submissions wait in line (a thread parked in the semaphore gives no other sign). */
    private void awaitInLine(int submissions) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> meters.get("civicflow.intake.waiting").gauge().value() == submissions);
    }
}
