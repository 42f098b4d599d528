package org.civicflow.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Intakes that hold turns of an {@link IntakeAdmission} until {@link #close()}: made only once every one of them runs,
 * so a test can go on knowing that the turns are taken.
 */
public final class HeldTurns implements AutoCloseable {

    private final ExecutorService threads;
    private final CountDownLatch finish = new CountDownLatch(1);
    private final List<Future<String>> held = new ArrayList<>();

    public HeldTurns(IntakeAdmission admission, int turns) throws InterruptedException {
        threads = Executors.newFixedThreadPool(turns);
        CountDownLatch running = new CountDownLatch(turns);
        for (int i = 0; i < turns; i++) {
            held.add(threads.submit(() -> admission.admit(() -> {
                running.countDown();
                try {
                    finish.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "held";
            })));
        }
        if (!running.await(10, TimeUnit.SECONDS)) {
            close();
            throw new IllegalStateException(running.getCount() + " of " + turns + " turns were not taken in 10 s");
        }
    }

    /** Lets the intakes end, and waits until they have given their turns back. */
    @Override
    public void close() {
        finish.countDown();
        threads.shutdown();
        try {
            for (Future<String> intake : held) {
                if (!"held".equals(intake.get(10, TimeUnit.SECONDS))) {
                    throw new IllegalStateException("an intake holding a turn ended without its result");
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("the held turns did not end", e);
        }
    }
}
