package org.civicflow.escalation.live;

import org.civicflow.cases.CaseSubmitted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Applies escalation at intake: once a new case is stored, routed and its process started, the warnings in force over
 * it and the hotspot rules are applied in the intake's own transaction. So the answer to the submitter already shows
 * the escalation, and there is never a stored case whose intake check was lost (a crash after the commit cannot skip
 * it); should the escalation fail, the intake fails with it and nothing is stored.
 *
 * <p>It deliberately does not run after the commit in a transaction of its own: that needs a second database
 * connection while the intake's first is still held, and under load every pooled connection ends up held by a request
 * waiting for a second one.
 */
@Component
class IntakeEscalationListener {

    private final LiveEscalation escalation;

    IntakeEscalationListener(LiveEscalation escalation) {
        this.escalation = escalation;
    }

    @EventListener
    void submitted(CaseSubmitted submitted) {
        escalation.escalateNewCase(submitted.businessKey(), CaseAttributes.asText(submitted.attributes()));
    }
}
