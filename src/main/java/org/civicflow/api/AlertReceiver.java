package org.civicflow.api;

import java.util.List;

/**
 * What {@code POST /api/v1/alerts} hands a CAP 1.2 alert to. The escalation feature provides the implementation
 * (its alert service: parse, store, evaluate the rules over the affected divisions' live cases); until one is present
 * the endpoint validates the alert and answers 503.
 */
public interface AlertReceiver {

    /**
     * @param capXml the alert as received (at most 1 MB)
     * @throws org.civicflow.escalation.cap.CapValidationException if it is not a valid CAP 1.2 alert
     */
    Receipt receive(byte[] capXml);

    /**
     * @param alertId           the id civicflow stored the alert under (or the CAP identifier)
     * @param affectedDivisions division codes the alert's areas cover
     * @param reEvaluated       live cases whose escalation rules were evaluated again
     * @param escalated         of those, cases escalated
     * @param live              false for Exercise/Test/System/Draft alerts, which are recorded but change no case
     */
    record Receipt(String alertId, String identifier, List<String> affectedDivisions, int reEvaluated, int escalated,
                   boolean live) {
    }
}
