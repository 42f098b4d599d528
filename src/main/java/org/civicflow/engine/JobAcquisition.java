package org.civicflow.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Job acquisition that costs the same with 10 or 100,000 waiting timers. The acquisition query (every second or so on
 * every node, and once per batch in a deadline storm) asks for the jobs due now, oldest first. Without help it reads
 * the whole job table and sorts it; every case keeps two or three timers there, so it grew with the number of open
 * cases. Here every job has a due date ({@code ensureJobDueDateNotNull}: a message job is due when it is created) and
 * the due date is indexed, so the query reads the due jobs in order from the index and stops at the batch size.
 * Ordering by due date alone also runs a storm's timers before the mails they cause (a mail is due when its timer ran).
 *
 * <p>At start, jobs from before this setting (message jobs without a due date) are given one, so the query that no
 * longer looks for a missing due date still finds them. The index is one of {@link EngineIndexes}.
 */
@Component
class JobAcquisition extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(JobAcquisition.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnsureJobDueDateNotNull(true);
        configuration.setJobExecutorAcquireByDueDate(true);
        configuration.setJobExecutorPreferTimerJobs(false);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
        int dated = JdbcClient.create(configuration.getDataSource()).sql("UPDATE " + prefix + "ACT_RU_JOB SET DUEDATE_ = CURRENT_TIMESTAMP WHERE DUEDATE_ IS NULL").update();
        if (dated > 0) {
            log.info("Gave {} waiting jobs without a due date the due date now, so the job executor acquires them", dated);
        }
    }
}
