package org.civicflow.escalation;

import java.util.List;

/**
 * What receiving an alert did.
 *
 * @param alertId            the CAP identifier
 * @param status             the CAP status (Actual, Exercise, Test, ...)
 * @param msgType            Alert, Update or Cancel
 * @param outcome            see {@link Outcome}
 * @param affectedDivisions  the divisions the alert's warnings are for (or, for a Cancel, the ones it withdrew)
 * @param upgradedDivisions  where a warning became active or more severe, so open cases were re-evaluated
 * @param warnings           the warnings the alert put in force (recorded even for Exercise/Test)
 * @param endedWarnings      warnings of the referenced alerts it superseded or cancelled
 * @param reevaluated        open cases evaluated again
 * @param escalated          cases whose SLA class was raised or that were turned into (or upgraded as) incidents
 * @param incidentsOpened    incidentResponse instances started and linked
 * @param incidentsContinuing running incidents in the affected districts that a Cancel leaves as they are
 */
public record AlertResult(String alertId, String sender, String status, String msgType, Outcome outcome,
                          List<String> affectedDivisions, List<String> upgradedDivisions, List<ActiveWarning> warnings,
                          int endedWarnings, int reevaluated, int escalated, int incidentsOpened, int failed,
                          List<String> incidentsContinuing) {

    public AlertResult {
        affectedDivisions = List.copyOf(affectedDivisions);
        upgradedDivisions = List.copyOf(upgradedDivisions);
        warnings = List.copyOf(warnings);
        incidentsContinuing = List.copyOf(incidentsContinuing);
    }

    public enum Outcome {
        /** A real alert or update in force: open cases where it is new or more severe were re-evaluated. */
        APPLIED,
        /** Exercise, Test, System or Draft: recorded and reported, nothing escalated. */
        RECORDED_NOT_ACTUAL,
        /** A real Cancel: the referenced warnings stop; running incidents continue until their leads decide. */
        CANCELLED,
        /** This alert (sender and identifier) was received before; nothing was done again. */
        DUPLICATE
    }
}
