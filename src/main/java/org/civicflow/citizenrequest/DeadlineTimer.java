package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Tasks;
import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.util.List;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.identity.OfficeRole;
import org.civicflow.identity.Offices;
import org.civicflow.sla.SlaStage;

/**
 * The stages of {@code citizen-request.bpmn} that run against a deadline, each with its pair of non-interrupting
 * boundary timers {@code BoundaryTimer_<name>Reminder} (75%) and {@code BoundaryTimer_<name>Deadline}, the user tasks
 * that can be late, and the office that is late when they are.
 */
enum DeadlineTimer {
    CITY_DISPATCH("CityDispatch", SlaStage.DISPATCH, List.of(Tasks.CITY_DISPATCH)),
    DISTRICT_DISPATCH("DistrictDispatch", SlaStage.DISPATCH, List.of(Tasks.DISTRICT_DISPATCH)),
    SIGN_FOR("SignFor", SlaStage.SIGN_FOR, List.of(Tasks.SIGN_FOR)),
    /** On {@code SubProcess_Handling}: late is whichever of its tasks is open (handling, or an extension awaiting approval). */
    HANDLING("Handling", SlaStage.HANDLING, List.of(Tasks.HANDLE, Tasks.APPROVE_EXTENSION, Tasks.AWAIT_CITIZEN)),
    CALL_BACK("CallBack", SlaStage.CALL_BACK, List.of(Tasks.CALL_BACK));

    private final String name;
    private final SlaStage stage;
    private final List<String> tasks;

    DeadlineTimer(String name, SlaStage stage, List<String> tasks) {
        this.name = name;
        this.stage = stage;
        this.tasks = tasks;
    }

    String reminderId() {
        return "BoundaryTimer_" + name + "Reminder";
    }

    String deadlineId() {
        return "BoundaryTimer_" + name + "Deadline";
    }

    SlaStage stage() {
        return stage;
    }

    /** Whether the case can be given to another office at this stage (it is with an office, not a dispatch desk). */
    boolean isWithAnOffice() {
        return stage == SlaStage.SIGN_FOR || stage == SlaStage.HANDLING;
    }

    static DeadlineTimer ofBoundaryEvent(String activityId) {
        for (DeadlineTimer timer : values()) {
            if (timer.reminderId().equals(activityId) || timer.deadlineId().equals(activityId)) {
                return timer;
            }
        }
        throw new IllegalArgumentException("'" + activityId + "' is not a deadline timer of the citizen-request process");
    }

    static DeadlineTimer ofTask(String taskDefinitionKey) {
        for (DeadlineTimer timer : values()) {
            if (timer.tasks.get(0).equals(taskDefinitionKey)) {
                return timer;
            }
        }
        return null;
    }

    /** The office that answers for this stage. */
    String lateOffice(VariableScope variables) {
        String district = (String) variables.getVariable(Vars.DISTRICT_CODE);
        return switch (this) {
            case CITY_DISPATCH -> Offices.CITY_DISPATCH;
            case DISTRICT_DISPATCH, CALL_BACK -> Offices.groupId(district, OfficeRole.DISPATCH);
            case SIGN_FOR, HANDLING -> (String) variables.getVariable(Vars.HANDLER_GROUP);
        };
    }

    /** The open task of this stage, or null when it was completed in the meantime. */
    Task openTask(String processInstanceId) {
        return ProcessTasks.withKey(processInstanceId, tasks);
    }
}
