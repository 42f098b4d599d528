package org.civicflow.escalation.live;

import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseTransitioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Applies escalation at intake: once a new case is routed (its district known) and that is committed, the warnings in
 * force over it and the hotspot rules are applied in a transaction of their own. A failure here is logged and never
 * undoes the intake: the case is then escalated by the next re-evaluation of its district.
 */
@Component
class IntakeEscalationListener {

    private static final Logger log = LoggerFactory.getLogger(IntakeEscalationListener.class);

    private final LiveEscalation escalation;

    IntakeEscalationListener(LiveEscalation escalation) {
        this.escalation = escalation;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void routed(CaseTransitioned transitioned) {
        if (transitioned.event().type() != CaseEventType.ROUTED) {
            return;
        }
        try {
            escalation.escalateNewCase(transitioned.event().businessKey());
        } catch (RuntimeException e) {
            log.error("Escalation at intake of {} failed: {}", transitioned.event().businessKey(), e.toString(), e);
        }
    }
}
