package org.civicflow.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Turns a {@link DeadlineSpec} or a stage of the {@link DeadlinePolicy} into an instant. */
@Component
public class DeadlineCalculator {

    private final WorkingDayCalendar calendar;
    private final DeadlinePolicy policy;

    public DeadlineCalculator(WorkingDayCalendar calendar, DeadlinePolicy policy) {
        this.calendar = calendar;
        this.policy = policy;
    }

    /** Working days end at close of business on the last day; clock time runs 24×7. */
    public Instant due(Instant start, DeadlineSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return spec.isWorkingDays()
                ? calendar.addWorkingDays(start, spec.workingDays())
                : calendar.addClockTime(start, spec.clockTime());
    }

    /** The deadline of {@code stage} under the configured policy; see {@link DeadlinePolicy#spec}. */
    public Instant due(Instant start, SlaStage stage, SlaClass slaClass) {
        return due(start, policy.spec(stage, slaClass));
    }

    /**
     * When to remind the office: {@code start} plus the configured fraction (75%) of the wall time
     * to {@code due}. Wall time, not working time, so the reminder may fall on a night or a holiday;
     * it is a nudge in Tasklist, not a deadline.
     *
     * @throws IllegalArgumentException if {@code due} is not after {@code start}
     */
    public Instant reminderAt(Instant start, Instant due) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(due, "due");
        if (!due.isAfter(start)) {
            throw new IllegalArgumentException("deadline " + due + " is not after start " + start);
        }
        long elapsedMillis = Duration.between(start, due).toMillis();
        return start.plusMillis(Math.round(elapsedMillis * policy.reminderAt()));
    }

    public DeadlinePolicy policy() {
        return policy;
    }
}
