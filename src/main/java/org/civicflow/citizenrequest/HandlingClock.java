package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Activities;
import static org.civicflow.citizenrequest.CitizenRequestProcess.Tasks;
import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.CaseStatus;
import org.civicflow.sla.DeadlineCalculator;
import org.civicflow.sla.ExtensionPolicy;
import org.civicflow.sla.SlaClass;
import org.civicflow.sla.SlaStage;
import org.civicflow.sla.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * The handling clock (办理时限) of a case, as the bean {@code handlingClock}: started when handling starts, stopped while
 * waiting for the citizen and started again with the time that was left, moved by an approved extension (延期).
 *
 * <p>The deadline lives in process variables ({@value Vars#HANDLING_DEADLINE}, {@value Vars#HANDLING_REMINDER_AT}),
 * which the timers on {@code SubProcess_Handling} and the Handle task's due and follow-up dates read when they are
 * created; moving it sets the running timer jobs' due dates ({@link ManagementService#setJobDuedate}) and the open
 * task's dates, so Tasklist and the job executor agree.
 *
 * <p>Time left is counted the way the deadline was: working days for a working-day limit (a case paused with 3 working
 * days to go is due 3 working days after it resumes, at 17:30; paused on its last day, it is due at the end of the
 * day it resumes, or of the next working day if that day is over), clock time for the 24 h and 2 h limits. The
 * reminder moves by as much as the deadline.
 */
@Component("handlingClock")
public class HandlingClock {

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(WorkingDayCalendar.ZONE);
    private static final Pattern WORKING_DAYS = Pattern.compile("(\\d+)wd");

    private final DeadlineCalculator calculator;
    private final WorkingDayCalendar calendar;
    private final ExtensionPolicy extensions;
    private final CaseService cases;

    HandlingClock(DeadlineCalculator calculator, WorkingDayCalendar calendar, ExtensionPolicy extensions, CaseService cases) {
        this.calculator = calculator;
        this.calendar = calendar;
        this.extensions = extensions;
        this.cases = cases;
    }

    /** Step "start the handling clock", before each handling round (also after a reopening). */
    public void start(DelegateExecution execution) {
        Instant now = now();
        Instant due = calculator.due(now, SlaStage.HANDLING, slaClass(execution));
        execution.setVariable(Vars.HANDLING_STARTED_AT, Date.from(now));
        setDeadline(execution, due, calculator.reminderAt(now, due));
        execution.setVariable(Vars.EXTENSION_WORKING_DAYS, 0);
        execution.removeVariable(Vars.HANDLING_ACTION);
    }

    /** Start listener of "wait for the citizen": stops the clock and keeps the time that was left. */
    public void pause(DelegateExecution execution) {
        Instant now = now();
        Instant due = deadline(execution);
        String left = timeLeft(execution, now, due);
        for (Job job : handlingTimers(execution)) {
            suspend(job, true);
        }
        execution.setVariable(Vars.HANDLING_PAUSED_AT, Date.from(now));
        execution.setVariable(Vars.HANDLING_REMAINING, left);
        String key = execution.getProcessBusinessKey();
        execution.setVariable(Vars.STATUS_BEFORE_PAUSE, cases.find(key).orElseThrow().status().name());
        cases.transition(key, CaseEventType.CLOCK_PAUSED, CaseStatus.WAITING_FOR_CITIZEN,
                (String) execution.getVariable(Vars.HANDLER_GROUP), Actors.current(execution),
                "waiting for the citizen to supply: " + execution.getVariable(Vars.MISSING_INFORMATION)
                        + " (handling time left: " + left + ", was due " + label(due) + ")");
    }

    /** End listener of "wait for the citizen": the clock runs again with the time that was left. */
    public void resume(DelegateExecution execution) {
        Instant now = now();
        String left = (String) execution.getVariable(Vars.HANDLING_REMAINING);
        Instant due = dueAfter(now, left);
        moveDeadline(execution, due);
        for (Job job : handlingTimers(execution)) {
            suspend(job, false);
        }
        String before = (String) execution.getVariable(Vars.STATUS_BEFORE_PAUSE);
        cases.transition(execution.getProcessBusinessKey(), CaseEventType.CLOCK_RESUMED,
                before == null ? CaseStatus.IN_PROGRESS : CaseStatus.valueOf(before),
                (String) execution.getVariable(Vars.HANDLER_GROUP), Actors.current(execution),
                "the citizen supplied: " + execution.getVariable(Vars.CITIZEN_SUPPLIED) + " (" + left
                        + " left: now due " + label(due) + ")");
        for (String variable : List.of(Vars.HANDLING_PAUSED_AT, Vars.HANDLING_REMAINING, Vars.STATUS_BEFORE_PAUSE,
                Vars.HANDLING_ACTION)) {
            execution.removeVariable(variable);
        }
    }

    /** Extends the handling deadline to {@code newDeadline}, adding {@code workingDays} to the extensions granted. */
    void extend(DelegateExecution execution, Instant newDeadline, int workingDays) {
        moveDeadline(execution, newDeadline);
        execution.setVariable(Vars.EXTENSION_WORKING_DAYS, extensionsGranted(execution) + workingDays);
    }

    /** What an extension to {@code until} would mean, and every rule it breaks. */
    record ExtensionCheck(Instant newDeadline, int workingDays, List<String> problems) {
    }

    /**
     * Checks an extension to the date {@code until} (a form's {@code yyyy-MM-dd}, or a date) against the policy: a
     * working-day deadline only, to a later working day, at most {@code max-working-days} in total and, when the handler
     * asks ({@code byHandler}), at least {@code min-notice-working-days} before the deadline. A supervisor extending a
     * deadline that has already passed is not bound by the notice.
     */
    ExtensionCheck checkExtension(VariableScope scope, Object until, String field, boolean byHandler) {
        List<String> problems = new ArrayList<>();
        if (!calculator.policy().handling(slaClass(scope)).isWorkingDays()) {
            problems.add(field + ": only working-day deadlines can be extended, not the clock-time limit of an "
                    + slaClass(scope).code() + " case");
            return new ExtensionCheck(null, 0, problems);
        }
        LocalDate date = dateOf(until);
        if (date == null) {
            problems.add(field + ": give the new deadline as a date (yyyy-MM-dd)");
            return new ExtensionCheck(null, 0, problems);
        }
        Instant due = deadline(scope);
        LocalDate dueDate = due.atZone(WorkingDayCalendar.ZONE).toLocalDate();
        LocalDate today = now().atZone(WorkingDayCalendar.ZONE).toLocalDate();
        int days = (int) calendar.workingDaysBetween(dueDate, date);
        int granted = extensionsGranted(scope);
        if (!date.isAfter(dueDate)) {
            problems.add(field + ": the new deadline must be after the current one, " + label(due));
        } else if (!calendar.isWorkingDay(date)) {
            problems.add(field + ": " + date + " is not a working day");
        } else if (granted + days > extensions.maxWorkingDays()) {
            problems.add(field + ": extensions may add at most " + extensions.maxWorkingDays() + " working days in total; "
                    + granted + " granted already, " + days + " asked");
        }
        if (byHandler && calendar.workingDaysBetween(today, dueDate) < extensions.minNoticeWorkingDays()) {
            problems.add(field + ": an extension must be asked at least " + extensions.minNoticeWorkingDays()
                    + " working day(s) before the deadline, " + label(due));
        }
        Instant newDeadline = date.atTime(WorkingDayCalendar.CLOSE_OF_BUSINESS).atZone(WorkingDayCalendar.ZONE).toInstant();
        return new ExtensionCheck(newDeadline, days, problems);
    }

    Instant deadline(VariableScope scope) {
        return ((Date) scope.getVariable(Vars.HANDLING_DEADLINE)).toInstant();
    }

    static String label(Instant instant) {
        return LABEL.format(instant);
    }

    /** Moves the deadline timer to {@code newDeadline}, the reminder by as much, and the open Handle task's dates. */
    private void moveDeadline(DelegateExecution execution, Instant newDeadline) {
        Instant oldDeadline = deadline(execution);
        Duration delta = Duration.between(oldDeadline, newDeadline);
        Instant reminder = ((Date) execution.getVariable(Vars.HANDLING_REMINDER_AT)).toInstant().plus(delta);
        ManagementService management = execution.getProcessEngineServices().getManagementService();
        for (Job job : timers(execution, Activities.HANDLING_DEADLINE_TIMER)) {
            management.setJobDuedate(job.getId(), Date.from(newDeadline));
        }
        for (Job job : timers(execution, Activities.HANDLING_REMINDER_TIMER)) {
            management.setJobDuedate(job.getId(), Date.from(reminder));
        }
        setDeadline(execution, newDeadline, reminder);
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        Task handle = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(Tasks.HANDLE).singleResult();
        if (handle != null) {
            handle.setDueDate(Date.from(newDeadline));
            handle.setFollowUpDate(Date.from(reminder));
            tasks.saveTask(handle);
        }
    }

    /**
     * Suspends or activates a timer job on the entity the command already holds: {@code suspendJobById} is a bulk
     * update that would race the due-date change made in the same transaction (optimistic locking).
     */
    private static void suspend(Job job, boolean suspended) {
        JobEntity entity = Context.getCommandContext().getJobManager().findJobById(job.getId());
        entity.setSuspensionState((suspended ? SuspensionState.SUSPENDED : SuspensionState.ACTIVE).getStateCode());
    }

    private List<Job> handlingTimers(DelegateExecution execution) {
        List<Job> timers = new ArrayList<>(timers(execution, Activities.HANDLING_DEADLINE_TIMER));
        timers.addAll(timers(execution, Activities.HANDLING_REMINDER_TIMER));
        return timers;
    }

    private static List<Job> timers(DelegateExecution execution, String activity) {
        return execution.getProcessEngineServices().getManagementService().createJobQuery()
                .processInstanceId(execution.getProcessInstanceId()).activityId(activity).list();
    }

    private void setDeadline(VariableScope scope, Instant due, Instant reminder) {
        scope.setVariable(Vars.HANDLING_DEADLINE, Date.from(due));
        scope.setVariable(Vars.HANDLING_REMINDER_AT, Date.from(reminder));
        scope.setVariable(Vars.HANDLING_DEADLINE_LABEL, label(due));
    }

    /** The time left until {@code due}: {@code Nwd} for a working-day limit, an ISO duration for clock time. */
    private String timeLeft(VariableScope scope, Instant now, Instant due) {
        if (calculator.policy().handling(slaClass(scope)).isWorkingDays()) {
            long days = calendar.workingDaysBetween(now.atZone(WorkingDayCalendar.ZONE).toLocalDate(),
                    due.atZone(WorkingDayCalendar.ZONE).toLocalDate());
            return Math.max(0, days) + "wd";
        }
        Duration left = Duration.between(now, due);
        return (left.isNegative() ? Duration.ZERO : left).toString();
    }

    private Instant dueAfter(Instant now, String left) {
        Matcher days = WORKING_DAYS.matcher(left);
        if (!days.matches()) {
            return now.plus(Duration.parse(left));
        }
        int n = Integer.parseInt(days.group(1));
        if (n > 0) {
            return calendar.addWorkingDays(now, n);
        }
        // paused on the last day: what was left of it is given back as the rest of the day it resumes
        LocalDate today = now.atZone(WorkingDayCalendar.ZONE).toLocalDate();
        Instant endOfToday = today.atTime(WorkingDayCalendar.CLOSE_OF_BUSINESS).atZone(WorkingDayCalendar.ZONE).toInstant();
        return calendar.isWorkingDay(today) && now.isBefore(endOfToday) ? endOfToday : calendar.addWorkingDays(now, 1);
    }

    private static int extensionsGranted(VariableScope scope) {
        Object granted = scope.getVariable(Vars.EXTENSION_WORKING_DAYS);
        return granted instanceof Number n ? n.intValue() : 0;
    }

    private static LocalDate dateOf(Object value) {
        if (value instanceof Date date) {
            return date.toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
        }
        if (value == null || value.toString().length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(value.toString().substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static SlaClass slaClass(VariableScope scope) {
        return SlaClass.fromCode((String) scope.getVariable(Vars.SLA_CLASS));
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
