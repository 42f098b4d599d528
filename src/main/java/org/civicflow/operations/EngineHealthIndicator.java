package org.civicflow.operations;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code engine}: the process engine answers a query on its database, the
 * citizen-request process is deployed, and whether the job executor (timers, mail steps) runs.
 */
@Component("engineHealthIndicator")
class EngineHealthIndicator extends AbstractHealthIndicator {

    static final String CITIZEN_REQUEST = "citizenRequest";

    private final ProcessEngine engine;

    EngineHealthIndicator(ProcessEngine engine) {
        super("The process engine is not usable");
        this.engine = engine;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long deployed = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(CITIZEN_REQUEST).latestVersion().count();
        long deadJobs = engine.getManagementService().createJobQuery().noRetriesLeft().count();
        var jobExecutor = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                engine.getProcessEngineConfiguration()).getJobExecutor();
        builder.withDetail("name", engine.getName())
                .withDetail("citizenRequestDeployed", deployed > 0)
                .withDetail("jobExecutorActive", jobExecutor != null && jobExecutor.isActive())
                .withDetail("jobsWithoutRetries", deadJobs);
        if (deployed > 0) {
            builder.up();
        } else {
            builder.down().withDetail("reason", "process " + CITIZEN_REQUEST + " is not deployed");
        }
    }
}
