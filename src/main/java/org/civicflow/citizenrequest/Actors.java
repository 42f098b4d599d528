package org.civicflow.citizenrequest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.civicflow.cases.CaseService;

/** Who is acting: the user authenticated on the engine call that runs this step, or the system (job executor). */
final class Actors {

    private Actors() {
    }

    static String current(DelegateExecution execution) {
        return of(execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication());
    }

    static String current(DelegateTask task) {
        return of(task.getProcessEngineServices().getIdentityService().getCurrentAuthentication());
    }

    private static String of(Authentication authentication) {
        return authentication == null || authentication.getUserId() == null ? CaseService.SYSTEM_ACTOR : authentication.getUserId();
    }

}
