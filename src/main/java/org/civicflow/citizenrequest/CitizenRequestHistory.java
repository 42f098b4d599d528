package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.util.Set;

import org.civicflow.engine.UnrecordedVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The citizen request's variables that are not written to Camunda's variable history: each is derived from a fact
 * that is (a code kept as a variable, the case record, the breach recorded on the case timeline), and is kept at run
 * time only for Tasklist's forms and the process's own steps. The codes, the clerks' and supervisors' answers and
 * everything that was submitted keep their history.
 */
@Configuration(proxyBeanMethods = false)
class CitizenRequestHistory {

    @Bean
    UnrecordedVariables citizenRequestDisplayVariables() {
        return new UnrecordedVariables(CitizenRequestProcess.PROCESS_KEY, Set.of(
                // labels of codes that are kept
                Vars.CATEGORY_LABEL, Vars.SLA_CLASS_LABEL, Vars.DISTRICT_NAME, Vars.HANDLER_OFFICE_NAME,
                Vars.HANDLING_DEADLINE_LABEL, Vars.EXTENSION_REQUESTED_LABEL,
                // the choices a form offers
                Vars.DISTRICT_OPTIONS, Vars.OFFICE_OPTIONS, Vars.REASSIGN_OPTIONS,
                // a mail step's template and recipient office (its mail is on the timeline)
                Vars.MAIL_TEMPLATE, Vars.DISPATCHED_TO,
                // a breach's working values, shown on the supervisor's form (the breach event records them)
                Vars.DEADLINE_TIMER, Vars.LATE_TASK_ID, Vars.LATE_TASK_NAME, Vars.LATE_OFFICE_NAME,
                Vars.MISSED_DEADLINE));
    }
}
