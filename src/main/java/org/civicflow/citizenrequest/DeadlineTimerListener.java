package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of every deadline timer: the reminder and supervision paths are shared by all stages, so the path
 * remembers which timer started it ({@value Vars#DEADLINE_TIMER}, local to the path's execution).
 */
@Component
class DeadlineTimerListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariableLocal(Vars.DEADLINE_TIMER, execution.getCurrentActivityId());
    }
}
