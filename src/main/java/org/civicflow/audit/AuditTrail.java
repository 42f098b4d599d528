package org.civicflow.audit;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tamper-evident audit trail (docs/audit.md): records entries in the caller's transaction and verifies the chain.
 *
 * <p>Features record by publishing an {@link AuditEvent} or by calling {@link #record(AuditEvent)}; case events, rule
 * evaluations, user operations on the engine and webapp log-ins are recorded by listeners in this package.
 */
@Service
public class AuditTrail {

    /** An office group id, {@code <divisionCode>-<role>} (DOMAIN.md §1). */
    private static final Pattern OFFICE = Pattern.compile("\\d{6}(\\d{3})?-[a-z]+");
    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditLedger ledger;
    private final ChainVerifier verifier;
    /** {@code civicflow.audit.benchmark-switch}: only then may {@link #setRecordingForBenchmark} turn recording off. */
    private final boolean benchmarkSwitch;
    private volatile boolean recording = true;

    AuditTrail(DataSource dataSource, Clock clock,
               @Value("${civicflow.audit.benchmark-switch:false}") boolean benchmarkSwitch) {
        this.ledger = new AuditLedger(dataSource, clock);
        this.verifier = new ChainVerifier(ledger);
        this.benchmarkSwitch = benchmarkSwitch;
        if (benchmarkSwitch) {
            log.warn("civicflow.audit.benchmark-switch is on: the audit trail may be switched off at run time to measure "
                    + "its cost. Never use this in production: changes made while it is off have no legal record.");
        }
    }

    /**
     * Benchmark only (AuditOverheadBenchmark): stops or resumes recording, so the cost of the trail can be measured
     * with it on and off in one run. Refused unless the application was started with
     * {@code civicflow.audit.benchmark-switch=true}; every change is logged as a warning. While off, nothing is
     * recorded — no entry, no chain link — so the changes made meanwhile have no audit record.
     */
    public void setRecordingForBenchmark(boolean on) {
        if (!benchmarkSwitch) {
            throw new IllegalStateException("The audit trail cannot be switched off: it is the legal record. "
                    + "(civicflow.audit.benchmark-switch=true allows it, for benchmarks only.)");
        }
        if (on != recording) {
            log.warn("Audit trail recording switched {} for a benchmark", on ? "ON" : "OFF");
        }
        recording = on;
    }

    /** False only while a benchmark has switched recording off; the listeners then skip their work entirely. */
    boolean recording() {
        return recording;
    }

    /**
     * Records an entry in the caller's transaction when there is one (so it commits or rolls back with the change it
     * records), else in its own. Fields left {@code null} are taken from the engine call in progress, if any. The entry
     * is appended to the chain when the transaction commits ({@link PendingAppends}), so the chain head stays locked
     * only for the appends and the commit, not for the whole transaction. Records nothing only while a benchmark has
     * switched recording off ({@link #setRecordingForBenchmark}).
     */
    @Transactional
    public void record(AuditEvent event) {
        if (!recording) {
            return;
        }
        String actor = event.actor();
        String office = event.office();
        String businessKey = event.businessKey();
        String processInstanceId = event.processInstanceId();
        CommandContext command = Context.getCommandContext();
        if (command != null) {
            Authentication user = command.getAuthentication();
            if (actor == null && user != null) {
                actor = user.getUserId();
            }
            if (office == null && user != null && user.getGroupIds() != null && user.getUserId() != null
                    && user.getUserId().equals(actor)) {
                office = user.getGroupIds().stream().filter(g -> OFFICE.matcher(g).matches()).sorted().findFirst()
                        .orElse(null);
            }
            BpmnExecutionContext execution = Context.getBpmnExecutionContext();
            ExecutionEntity current = execution == null ? null : execution.getExecution();
            if (current != null && (processInstanceId == null || businessKey == null)) {
                if (processInstanceId == null) {
                    processInstanceId = current.getProcessInstanceId();
                }
                if (businessKey == null && processInstanceId.equals(current.getProcessInstanceId())) {
                    businessKey = current.getProcessBusinessKey();
                }
            }
            if (businessKey == null && processInstanceId != null) {
                businessKey = businessKeyOf(command, processInstanceId);
            }
        }
        String details = AuditLedger.requireWithinLimit(CanonicalJson.of(event.details())); // now, not only at commit
        PendingAppends.Pending entry = new PendingAppends.Pending(actor, office, businessKey, processInstanceId,
                event.action(), details);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            PendingAppends.record(ledger, entry);
        } else {
            PendingAppends.append(ledger, entry);
        }
    }

    /** A user operation on a task or instance names only the process instance: look its business key up. */
    private static String businessKeyOf(CommandContext command, String processInstanceId) {
        ExecutionEntity instance = command.getExecutionManager().findExecutionById(processInstanceId);
        if (instance != null) {
            return instance.getBusinessKey();
        }
        HistoricProcessInstanceEventEntity ended = command.getHistoricProcessInstanceManager()
                .findHistoricProcessInstance(processInstanceId);
        return ended == null ? null : ended.getBusinessKey();
    }

    /** Walks the whole chain; see {@link ChainVerifier}. */
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        return verifier.verify();
    }

    /** A case's entries in chain order, with the chain head read in the same transaction. */
    @Transactional(readOnly = true)
    public CaseTrail ofCase(String businessKey) {
        AuditLedger.Head head = ledger.head();
        return new CaseTrail(businessKey, ledger.ofCase(businessKey), head.seq(), head.hash());
    }

    @Transactional(readOnly = true)
    public List<AuditEntry> ofProcessInstance(String processInstanceId) {
        return ledger.ofProcessInstance(processInstanceId);
    }

    /** A case's entries and the chain head (seq and hash of the last entry of the whole chain) when they were read. */
    public record CaseTrail(String businessKey, List<AuditEntry> entries, long headSeq, String headHash) {
    }
}
