package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Tasks;
import static org.civicflow.citizenrequest.CitizenRequestProcess.Values;
import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.CaseStatus;
import org.civicflow.identity.OfficeRole;
import org.civicflow.identity.Offices;
import org.civicflow.jurisdiction.Divisions;
import org.civicflow.sla.DeadlineMetrics;
import org.civicflow.engine.TaskFormRejection;
import org.springframework.stereotype.Component;

/**
 * Keeps the case record in step with the process and guards what clerks submit.
 *
 * <p>On {@code create} a task moves the case to the matching status and office (recorded as an event, with the user
 * whose action led here) and prepares the form's choices from data. On {@code complete} it checks the form's values
 * again on the server, so the engine REST API cannot bypass the form's validation.
 */
@Component
class CaseTaskListener implements TaskListener {

    private final CaseService cases;
    private final Divisions divisions;
    private final OfficeChoices offices;
    private final HandlingClock clock;
    private final DeadlineMetrics metrics;

    CaseTaskListener(CaseService cases, Divisions divisions, OfficeChoices offices, HandlingClock clock,
                     DeadlineMetrics metrics) {
        this.cases = cases;
        this.divisions = divisions;
        this.offices = offices;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> created(task);
            case EVENTNAME_COMPLETE -> completing(task);
            default -> { }
        }
    }

    private void created(DelegateTask task) {
        // a task just created has no variables of its own: read the process's (asking the task would first look for
        // the task's own in the database)
        VariableScope process = task.getExecution();
        String district = (String) process.getVariable(Vars.DISTRICT_CODE);
        String handler = (String) process.getVariable(Vars.HANDLER_GROUP);
        int returns = Counters.count(process, Vars.RETURN_COUNT);
        switch (task.getTaskDefinitionKey()) {
            case Tasks.CITY_DISPATCH -> {
                task.setVariable(Vars.DISTRICT_OPTIONS, offices.asFormValues(offices.districtOptions()));
                move(task, CaseStatus.AWAITING_CITY_DISPATCH, Offices.CITY_DISPATCH, "the district could not be determined");
            }
            case Tasks.DECIDE_AFTER_RETURNS -> {
                task.setVariable(Vars.DISTRICT_OPTIONS, offices.asFormValues(offices.districtOptions()));
                move(task, CaseStatus.AWAITING_RULING, Offices.CITY_DISPATCH, "returned " + returns + " times");
            }
            case Tasks.DISTRICT_DISPATCH -> {
                task.setVariable(Vars.OFFICE_OPTIONS, offices.asFormValues(offices.officeOptions(district)));
                move(task, returns > 0 ? CaseStatus.RETURNED : CaseStatus.AWAITING_DISTRICT_DISPATCH,
                        Offices.groupId(district, OfficeRole.DISPATCH), (String) process.getVariable(Vars.RULING));
            }
            case Tasks.SIGN_FOR -> move(task, CaseStatus.DISPATCHED, handler, (String) process.getVariable(Vars.DISPATCH_NOTE));
            case Tasks.HANDLE -> {
                // whoever signed for the case handles it; colleagues of the office can still take it over
                Object signer = process.getVariable(Vars.SIGNED_FOR_BY);
                if (signer != null && !CaseService.SYSTEM_ACTOR.equals(signer)) {
                    task.setAssignee(signer.toString());
                }
                move(task, Counters.count(process, Vars.REOPEN_COUNT) > 0 ? CaseStatus.REOPENED : CaseStatus.IN_PROGRESS,
                        handler, "signed for");
            }
            case Tasks.CALL_BACK -> move(task, CaseStatus.REPLIED, Offices.groupId(district, OfficeRole.DISPATCH),
                    "outcome " + process.getVariable(Vars.OUTCOME) + ": " + process.getVariable(Vars.REPLY_TO_CITIZEN));
            default -> { }
        }
    }

    /** Records a transition unless the case already stands there (a return or reopening recorded it already). */
    private void move(DelegateTask task, CaseStatus to, String office, String reason) {
        String key = task.getExecution().getProcessBusinessKey();
        CaseRecord current = cases.find(key).orElseThrow(() -> new IllegalStateException("No case " + key));
        if (current.status() == to && office.equals(current.officeGroup())) {
            return;
        }
        cases.transition(key, to, office, Actors.current(task), reason);
    }

    private void completing(DelegateTask task) {
        List<String> problems = new ArrayList<>();
        String district = (String) task.getVariable(Vars.DISTRICT_CODE);
        switch (task.getTaskDefinitionKey()) {
            case Tasks.CITY_DISPATCH, Tasks.DECIDE_AFTER_RETURNS -> {
                String chosen = text(task, Vars.CHOSEN_DISTRICT_CODE);
                if (chosen == null || divisions.district(chosen).isEmpty()) {
                    problems.add("chosenDistrictCode: choose one of Chongqing's 38 districts");
                }
                if (Tasks.DECIDE_AFTER_RETURNS.equals(task.getTaskDefinitionKey()) && text(task, Vars.RULING) == null) {
                    problems.add("ruling: say why this district is responsible");
                }
            }
            case Tasks.DISTRICT_DISPATCH -> {
                String office = text(task, Vars.CHOSEN_OFFICE_GROUP);
                if (office == null || !offices.isOfficeOfDistrict(office, district)) {
                    problems.add("chosenOfficeGroup: choose a subdistrict or office of district " + district);
                }
            }
            case Tasks.SIGN_FOR -> {
                String decision = text(task, Vars.SIGN_FOR_DECISION);
                if (!Values.SIGN.equals(decision) && !Values.RETURN.equals(decision)) {
                    problems.add("signForDecision: sign or return");
                } else if (Values.RETURN.equals(decision) && text(task, Vars.RETURN_REASON) == null) {
                    problems.add("returnReason: a return needs a reason");
                } else if (Values.SIGN.equals(decision)) {
                    task.setVariable(Vars.SIGNED_FOR_BY, Actors.current(task));
                }
            }
            case Tasks.HANDLE -> {
                String action = text(task, Vars.HANDLING_ACTION);
                if (action == null || Values.REPLY.equals(action)) {
                    replyChecks(task, problems);
                } else if (Values.EXTENSION.equals(action)) {
                    require(task, Vars.EXTENSION_REASON, "extensionReason: say why more time is needed", problems);
                    HandlingClock.ExtensionCheck extension = clock.checkExtension(task, task.getVariable(Vars.EXTENSION_UNTIL),
                            Vars.EXTENSION_UNTIL, true);
                    problems.addAll(extension.problems());
                    if (problems.isEmpty()) {
                        askForExtension(task, extension);
                    }
                } else if (Values.WAIT_FOR_CITIZEN.equals(action)) {
                    require(task, Vars.MISSING_INFORMATION, "missingInformation: say what the citizen must supply", problems);
                } else {
                    problems.add("handlingAction: reply, extension or waitForCitizen");
                }
            }
            case Tasks.AWAIT_CITIZEN -> require(task, Vars.CITIZEN_SUPPLIED,
                    "citizenSupplied: record what the citizen supplied", problems);
            case Tasks.CALL_BACK -> {
                if (!Set.of(Values.YES, Values.NO).contains(text(task, Vars.CITIZEN_SAYS_RESOLVED))) {
                    problems.add("citizenSaysResolved: yes or no");
                }
                if (!Set.of(Values.SATISFIED, Values.BASICALLY, Values.UNSATISFIED).contains(text(task, Vars.SATISFACTION))) {
                    problems.add("satisfaction: satisfied, basically or unsatisfied");
                }
            }
            default -> { }
        }
        if (!problems.isEmpty()) {
            throw TaskFormRejection.of(task.getName(), problems);
        }
        countIfInTime(task);
    }

    private static void replyChecks(DelegateTask task, List<String> problems) {
        require(task, Vars.ACTIONS_TAKEN, "actionsTaken: record what was done", problems);
        require(task, Vars.REPLY_TO_CITIZEN, "replyToCitizen: write the reply for the citizen", problems);
        String outcome = text(task, Vars.OUTCOME);
        if (!Set.of(Values.RESOLVED, Values.PARTLY, Values.UNRESOLVED).contains(outcome)) {
            problems.add("outcome: resolved, partly or unresolved");
        } else if (!Values.RESOLVED.equals(outcome) && text(task, Vars.OUTCOME_REASON) == null) {
            problems.add("outcomeReason: say why it is not (fully) resolved");
        }
    }

    /** 延期: the supervisor above the handling office decides; the clock keeps running meanwhile. */
    private void askForExtension(DelegateTask task, HandlingClock.ExtensionCheck extension) {
        String handler = (String) task.getVariable(Vars.HANDLER_GROUP);
        task.setVariable(Vars.EXTENSION_REQUESTED_DEADLINE, java.util.Date.from(extension.newDeadline()));
        task.setVariable(Vars.EXTENSION_REQUESTED_LABEL, HandlingClock.label(extension.newDeadline()));
        task.setVariable(Vars.EXTENSION_REQUESTED_DAYS, extension.workingDays());
        task.setVariable(Vars.EXTENSION_APPROVER_GROUP, Offices.supervisorAbove(handler));
        cases.note(task.getExecution().getProcessBusinessKey(), CaseEventType.EXTENSION_REQUESTED, handler,
                Actors.current(task), "extension by " + extension.workingDays() + " working day(s) to "
                        + HandlingClock.label(extension.newDeadline()) + " asked: " + text(task, Vars.EXTENSION_REASON), null);
    }

    /** A deadline met is counted when its task is done (a handling round when the reply is given), not when paused. */
    private void countIfInTime(DelegateTask task) {
        DeadlineTimer timer = DeadlineTimer.ofTask(task.getTaskDefinitionKey());
        Object action = task.getVariable(Vars.HANDLING_ACTION);
        if (timer == null || task.getDueDate() == null
                || (timer == DeadlineTimer.HANDLING && action != null && !Values.REPLY.equals(action))) {
            return;
        }
        if (!ClockUtil.getCurrentTime().after(task.getDueDate())) {
            metrics.met(timer.stage(), (String) task.getVariable(Vars.SLA_CLASS), timer.lateOffice(task));
        }
    }

    private static void require(DelegateTask task, String variable, String problem, List<String> problems) {
        if (text(task, variable) == null) {
            problems.add(problem);
        }
    }

    private static String text(DelegateTask task, String variable) {
        Object value = task.getVariable(variable);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
