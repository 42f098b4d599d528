package org.civicflow.enforcement;

import static org.civicflow.enforcement.JointEnforcementProcess.Values;
import static org.civicflow.enforcement.JointEnforcementProcess.Vars;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.audit.AuditActions;
import org.civicflow.audit.AuditEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Step "report the outcome": sums the operation up (declined, no violation, penalty, rectified, escalated to the city),
 * records it in the audit trail and tells the originating citizen request by message correlation, so its handler can
 * reply and close with it.
 */
@Component
class ReportOutcomeDelegate implements JavaDelegate {

    private final ApplicationEventPublisher events;

    ReportOutcomeDelegate(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String outcome = outcome(execution);
        String summary = summary(execution, outcome);
        execution.setVariable(Vars.ENFORCEMENT_OUTCOME, outcome);
        execution.setVariable(Vars.ENFORCEMENT_SUMMARY, summary);

        String origin = OpenOperationDelegate.text(execution, Vars.ORIGIN_BUSINESS_KEY);
        int told = 0;
        if (origin != null) {
            // telling the request is the system's doing, not a permission of the clerk whose step concluded it
            told = Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices()
                    .getRuntimeService()
                    .createMessageCorrelation(JointEnforcementProcess.MESSAGE_CONCLUDED)
                    .processInstanceBusinessKey(origin)
                    .setVariable(Vars.ENFORCEMENT_OUTCOME, outcome)
                    .setVariable(Vars.ENFORCEMENT_SUMMARY, summary)
                    .correlateAllWithResult().size());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("outcome", outcome);
        details.put("summary", summary);
        details.put("originBusinessKey", origin);
        details.put("originInstancesTold", origin == null ? null : told);
        details.values().removeIf(v -> v == null);
        events.publishEvent(new AuditEvent(AuditActions.ENFORCEMENT_CONCLUDED, null, null, null, null, details));
    }

    static String outcome(DelegateExecution execution) {
        if (Values.DECLINE.equals(execution.getVariable(Vars.PROPOSAL_DECISION))) {
            return Values.DECLINED;
        }
        Object decision = execution.getVariable(Vars.DECISION);
        if (!Values.RECTIFICATION.equals(decision)) {
            return String.valueOf(decision);
        }
        return Values.YES.equals(execution.getVariable(Vars.RECTIFIED)) ? Values.RECTIFIED : Values.ESCALATED;
    }

    private static String summary(DelegateExecution execution, String outcome) {
        String lead = String.valueOf(execution.getVariable(Vars.LEAD_OFFICE));
        return switch (outcome) {
            case Values.DECLINED -> "联合执法未启动 Joint enforcement declined by " + lead + ": "
                    + execution.getVariable(Vars.DECLINE_REASON);
            case Values.NO_VIOLATION -> "经联合执法未发现违法行为 No violation found: " + execution.getVariable(Vars.DECISION_REASON);
            case Values.PENALTY -> "已作出行政处罚 Penalty imposed (CNY " + execution.getVariable(Vars.PENALTY_AMOUNT) + "): "
                    + execution.getVariable(Vars.DECISION_REASON);
            case Values.RECTIFIED -> "已按期整改 Rectified by the deadline: " + execution.getVariable(Vars.CHECK_NOTES);
            case Values.ESCALATED -> "逾期未整改，移交市级执法 Not rectified, taken over by the city: "
                    + execution.getVariable(Vars.CITY_DECISION);
            default -> outcome;
        };
    }
}
