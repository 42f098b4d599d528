package org.civicflow.intake;

/** A submission was turned away because the intake was busy ({@link IntakeAdmission}); nothing was stored. */
public class IntakeBusyException extends RuntimeException {

    private final int retryAfterSeconds;

    IntakeBusyException(int retryAfterSeconds) {
        super(detail(retryAfterSeconds));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** How long the client should wait before it retries, in seconds ({@code Retry-After}). */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static String detail(int seconds) {
        return "Too many requests are being taken in right now; nothing was stored. Please retry in " + seconds
                + " second(s) (with the same Idempotency-Key, a retry never makes a second case).";
    }
}
