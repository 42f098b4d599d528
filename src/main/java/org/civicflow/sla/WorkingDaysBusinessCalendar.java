package org.civicflow.sla;

import java.time.Instant;
import java.util.Date;
import java.util.OptionalInt;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * Wraps one of the engine's own calendars so that it also understands {@code Nwd} (N working
 * days); everything else (ISO durations, dates, cycles) goes to the engine's calendar unchanged.
 * The engine picks calendars by timer type, not by name in the BPMN, so this is how a
 * {@code timeDuration} or a {@code camunda:dueDate} of {@code 3wd} reaches the working-day calendar.
 */
final class WorkingDaysBusinessCalendar implements BusinessCalendar {

    private final BusinessCalendar engineCalendar;
    private final WorkingDayCalendar workingDays;

    WorkingDaysBusinessCalendar(BusinessCalendar engineCalendar, WorkingDayCalendar workingDays) {
        this.engineCalendar = engineCalendar;
        this.workingDays = workingDays;
    }

    @Override
    public Date resolveDuedate(String duedateDescription) {
        return resolveDuedate(duedateDescription, (Date) null);
    }

    /** {@code startDate} is set when Cockpit recalculates a timer from its creation time; otherwise now. */
    @Override
    public Date resolveDuedate(String duedateDescription, Date startDate) {
        OptionalInt days = DeadlineSpec.workingDaysIn(duedateDescription);
        if (days.isEmpty()) {
            return engineCalendar.resolveDuedate(duedateDescription, startDate);
        }
        Instant start = (startDate != null ? startDate : ClockUtil.getCurrentTime()).toInstant();
        return Date.from(workingDays.addWorkingDays(start, days.getAsInt()));
    }

    @Override
    public Date resolveDuedate(String duedateDescription, Task task) {
        if (DeadlineSpec.workingDaysIn(duedateDescription).isEmpty()) {
            return engineCalendar.resolveDuedate(duedateDescription, task);
        }
        return resolveDuedate(duedateDescription, (Date) null);
    }
}
