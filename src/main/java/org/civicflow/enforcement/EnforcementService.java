package org.civicflow.enforcement;

import static org.civicflow.enforcement.JointEnforcementProcess.Vars;

import java.time.Clock;
import java.time.ZoneId;

import javax.sql.DataSource;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.civicflow.config.DatabaseSequences;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens joint law-enforcement operations ({@code processes/joint-enforcement.bpmn}) from Java: proposed from a citizen
 * request (by its handler, a supervisor or the hotspot rule) or opened directly by a district enforcement office. The
 * same can be done from Tasklist with the process's start form; either way the first step checks the request.
 */
@Service
public class EnforcementService {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String SEQUENCE = "cf_enforcement_number_seq";

    private final RuntimeService runtime;
    private final DataFieldMaxValueIncrementer numbers;
    private final Clock clock;

    EnforcementService(RuntimeService runtime, DataSource dataSource, Clock clock) {
        this.runtime = runtime;
        this.numbers = DatabaseSequences.of(dataSource, SEQUENCE);
        this.clock = clock;
    }

    /** Proposes joint enforcement for a citizen request; the district enforcement office of its district leads. */
    @Transactional
    public ProcessInstance proposeFromCase(String businessKey, String proposedBy, String reason) {
        VariableMap variables = Variables.createVariables()
                .putValue(Vars.ORIGIN_BUSINESS_KEY, businessKey)
                .putValue(Vars.OPENED_BY, proposedBy)
                .putValue(Vars.OPENING_REASON, reason);
        return runtime.startProcessInstanceByKey(JointEnforcementProcess.PROCESS_KEY, businessKey, variables);
    }

    /** Opens an operation directly, led by {@code <districtCode>-enforcement}. */
    @Transactional
    public ProcessInstance openDirectly(String districtCode, String subject, String address, String openedBy) {
        VariableMap variables = Variables.createVariables()
                .putValue(Vars.DISTRICT_CODE, districtCode)
                .putValue(Vars.SUBJECT, subject)
                .putValue(Vars.ADDRESS, address)
                .putValue(Vars.OPENED_BY, openedBy);
        return runtime.startProcessInstanceByKey(JointEnforcementProcess.PROCESS_KEY, variables);
    }

    /** A readable number for an operation without an originating request, e.g. {@code JE-2026-000001}. */
    String newOperationNumber() {
        return "JE-%d-%06d".formatted(clock.instant().atZone(ZONE).getYear(), numbers.nextLongValue());
    }
}
