package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Values;
import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseService;
import org.civicflow.identity.OfficeRole;
import org.civicflow.identity.Offices;
import org.civicflow.jurisdiction.Divisions;
import org.civicflow.sla.SlaStage;
import org.springframework.stereotype.Component;

/**
 * Step after the supervisor's decision (督办): urge (催办: a comment on the late task), reassign the late task to another
 * office, approve an extension of the handling deadline, or take the task over. The late task itself stays where it
 * is in the process; only its office or deadline changes. Names the office the supervision mail goes to.
 */
@Component
class ApplySupervisionDelegate implements JavaDelegate {

    private final CaseService cases;
    private final Divisions divisions;
    private final HandlingClock clock;

    ApplySupervisionDelegate(CaseService cases, Divisions divisions, HandlingClock clock) {
        this.cases = cases;
        this.divisions = divisions;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        String key = execution.getProcessBusinessKey();
        String actor = Actors.current(execution);
        String supervisor = (String) execution.getVariable(Vars.SUPERVISOR_GROUP);
        String lateOffice = (String) execution.getVariable(Vars.LATE_OFFICE);
        String note = (String) execution.getVariable(Vars.SUPERVISION_NOTE);
        Object lateTaskId = execution.getVariable(Vars.LATE_TASK_ID);
        Task late = lateTaskId == null ? null : tasks.createTaskQuery().taskId(lateTaskId.toString()).singleResult();
        SlaStage stage = SlaStage.fromCode((String) execution.getVariable(Vars.SLA_STAGE));
        boolean withAnOffice = stage == SlaStage.SIGN_FOR || stage == SlaStage.HANDLING;
        String mailTo = lateOffice;
        switch ((String) execution.getVariable(Vars.SUPERVISION_ACTION)) {
            case Values.URGE -> {
                if (late != null) {
                    tasks.createComment(late.getId(), execution.getProcessInstanceId(),
                            "催办 Urged by " + supervisor + " (" + actor + "): " + note);
                }
                cases.note(key, CaseEventType.URGED, lateOffice, actor, "urged by " + supervisor + ": " + note, null);
            }
            case Values.REASSIGN -> {
                String office = (String) execution.getVariable(Vars.REASSIGN_TO);
                giveTo(tasks, late, office);
                becomesHandler(execution, office);
                cases.transition(key, CaseEventType.REASSIGNED, cases.find(key).orElseThrow().status(), office, actor,
                        "reassigned by " + supervisor + " from " + lateOffice + ": " + note);
                mailTo = office;
            }
            case Values.TAKE_OVER -> {
                giveTo(tasks, late, supervisor);
                if (withAnOffice) {
                    becomesHandler(execution, supervisor);
                }
                cases.transition(key, CaseEventType.TAKEN_OVER, cases.find(key).orElseThrow().status(), supervisor, actor,
                        "taken over by " + supervisor + " from " + lateOffice + ": " + note);
            }
            case Values.EXTEND -> {
                HandlingClock.ExtensionCheck extension = clock.checkExtension(execution,
                        execution.getVariable(Vars.SUPERVISION_EXTEND_UNTIL), Vars.SUPERVISION_EXTEND_UNTIL, false);
                clock.extend(execution, extension.newDeadline(), extension.workingDays());
                cases.note(key, CaseEventType.EXTENSION_APPROVED, lateOffice, actor, "extended by " + supervisor + " by "
                        + extension.workingDays() + " working day(s) to " + HandlingClock.label(extension.newDeadline())
                        + ": " + note, null);
            }
            default -> throw new IllegalStateException("unknown supervision action " + execution.getVariable(Vars.SUPERVISION_ACTION));
        }
        keepOnThisPath(execution, mailTo);
    }

    /**
     * The supervisor's answers arrive on the process instance (a submitted form sets variables where they exist, else
     * on the instance). What the supervision mail needs moves onto this supervision's subprocess, and the instance
     * keeps none of them, so a later supervision of the case starts with an empty form. (Instances from before kept
     * empty placeholders on the subprocess, which received the answers there.)
     */
    private static void keepOnThisPath(DelegateExecution execution, String mailTo) {
        execution.setVariableLocal(Vars.SUPERVISION_MAIL_TO, mailTo);
        for (String answer : List.of(Vars.SUPERVISION_ACTION, Vars.SUPERVISION_NOTE)) {
            if (!execution.hasVariableLocal(answer)) {
                execution.setVariableLocal(answer, execution.getVariable(answer));
            }
        }
        if (execution.getProcessInstance() != execution) {
            execution.getProcessInstance().removeVariablesLocal(List.of(Vars.SUPERVISION_ACTION, Vars.SUPERVISION_NOTE,
                    Vars.REASSIGN_TO, Vars.SUPERVISION_EXTEND_UNTIL, Vars.SUPERVISION_MAIL_TO));
        }
    }

    /** Offers the task to {@code office} instead of its current office, unclaimed. */
    private static void giveTo(TaskService tasks, Task task, String office) {
        for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                tasks.deleteCandidateGroup(task.getId(), link.getGroupId());
            }
        }
        tasks.addCandidateGroup(task.getId(), office);
        tasks.setAssignee(task.getId(), null);
    }

    /** Later steps (handling, a reopening) go to the new office too. */
    private void becomesHandler(DelegateExecution execution, String office) {
        execution.setVariable(Vars.HANDLER_GROUP, office);
        execution.setVariable(Vars.HANDLER_OFFICE_NAME, OfficeNames.of(divisions, office));
        String subdistrict = Offices.roleOf(office) == OfficeRole.HANDLER ? Offices.divisionCodeOf(office) : null;
        execution.setVariable(Vars.SUBDISTRICT_CODE, subdistrict);
        // whoever signed for it in the old office no longer handles it
        execution.setVariable(Vars.SIGNED_FOR_BY, null);
        if (subdistrict != null) {
            cases.assignJurisdiction(execution.getProcessBusinessKey(), (String) execution.getVariable(Vars.DISTRICT_CODE),
                    subdistrict);
        }
    }
}
