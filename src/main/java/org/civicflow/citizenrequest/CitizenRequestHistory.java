package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.util.Set;

import org.civicflow.engine.UnrecordedVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The citizen request's variables that are not written to Camunda's variable history: each restates a fact recorded
 * elsewhere (a code kept as a variable, the case record {@code cf_case}, the breach recorded on the case timeline),
 * and is kept at run time only for Tasklist's forms and the process's own steps. What the citizen submitted is the
 * case record's: a second copy in the engine's history, which no clean-up removes, would also be one more copy of the
 * reporter's personal data. The category, the attributes, the routing decisions, the counters and the clerks' and
 * supervisors' answers keep their history.
 */
@Configuration(proxyBeanMethods = false)
class CitizenRequestHistory {

    @Bean
    UnrecordedVariables citizenRequestDisplayVariables() {
        return new UnrecordedVariables(CitizenRequestProcess.PROCESS_KEY, Set.of(
                // what was submitted, as the case record keeps it (set at intake by earlier versions of the intake)
                Vars.CASE_NUMBER, Vars.DESCRIPTION, Vars.ADDRESS, Vars.LATITUDE, Vars.LONGITUDE, Vars.DIVISION_CODE,
                Vars.REPORTER_NAME, Vars.REPORTER_PHONE, Vars.REPORTER_EMAIL, Vars.CHANNEL, Vars.RECEIVED_AT,
                // what was submitted and the routing notes, as the forms show them (the notes are on the timeline)
                Vars.CASE_SUMMARY,
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
