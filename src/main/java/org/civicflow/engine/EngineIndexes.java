package org.civicflow.engine;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Indexes the engine's schema lacks for how civicflow uses it, created at start when missing (H2 and PostgreSQL; the
 * engine creates or updates its own schema just before).
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

    record Index(String name, String table, String columns, String why) {
    }

    static final List<Index> INDEXES = List.of(
            new Index("CF_IDX_JOB_DUEDATE", "ACT_RU_JOB", "DUEDATE_",
                    "job acquisition reads the due jobs oldest first and stops at the batch size (JobAcquisition)"),
            // The engine reads an execution's variables with EXECUTION_ID_ = ? AND TASK_ID_ IS NULL. Before H2 has
            // statistics (a new database, its first thousands of cases) it picked the TASK_ID_ index for that, which
            // every process variable matches: every job and every service task read the whole variable table, and
            // it grew with each case. With both columns in one index there is no choice to get wrong.
            new Index("CF_IDX_VARIABLE_EXE_TASK", "ACT_RU_VARIABLE", "EXECUTION_ID_, TASK_ID_",
                    "an execution's own variables, read by every job and service task"));

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
        JdbcClient sql = JdbcClient.create(configuration.getDataSource());
        for (Index index : INDEXES) {
            try {
                sql.sql("CREATE INDEX IF NOT EXISTS " + index.name() + " ON " + prefix + index.table()
                        + " (" + index.columns() + ")").update();
            } catch (RuntimeException e) { // another node created it at the same moment
                log.warn("Could not create index {} (another node may have just created it): {}", index.name(), e.getMessage());
            }
        }
    }
}
