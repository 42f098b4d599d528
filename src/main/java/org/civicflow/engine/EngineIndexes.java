package org.civicflow.engine;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The engine's indexes fitted to how civicflow uses it, at start (H2 and PostgreSQL; the engine creates or updates its
 * own schema just before): the indexes its schema lacks are created when missing, and those that only cost writes are
 * dropped.
 *
 * <p>Every index is written with every row: a case's intake inserts about twelve variables, six variable history
 * rows and five activity history rows, and each variable row went into twelve indexes. The dropped ones are read by
 * nothing civicflow does: an index whose columns begin another index (which answers the same lookups), the tenant
 * indexes (civicflow has no tenants, so every row holds the same null), and history indexes on columns that no
 * statement of the engine looks rows up by (checked against its MyBatis mappings and the web applications' queries;
 * those a filter of the engine's REST queries can use stay, external systems query it), and the indexes of the CMMN
 * columns (civicflow deploys no CMMN; on H2 they belong to foreign keys, dropped with them). Camunda's SQL upgrade
 * scripts may drop or alter one of them by name: before running them, start once with
 * {@code civicflow.engine.drop-unneeded-indexes=false}, which recreates them (docs/operations.md, Upgrades).
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

    /**
     * An index as the schema has it; {@code why} says what reads it, or for one dropped, why nothing needs it. With a
     * {@code database} (the engine's database type), only that database's schema has it.
     */
    record Index(String name, String table, String columns, String why, String database) {
        Index(String name, String table, String columns, String why) {
            this(name, table, columns, why, null);
        }
    }

    /** A foreign key of the engine's schema: {@code table(column)} references {@code references}. */
    record ForeignKey(String name, String table, String column, String references, String why) {
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

    private static final String NO_TENANTS = "civicflow has no tenants: every row has a null tenant id";
    private static final String NO_CMMN = "CMMN case instances only: civicflow deploys no CMMN, every row holds a null";
    private static final String H2 = "h2";
    private static final String POSTGRES = "postgres";
    private static final String CASE_EXECUTIONS = "ACT_RU_CASE_EXECUTION";

    /**
     * Indexes of the engine's schema that only cost writes here. With {@code civicflow.engine.drop-unneeded-indexes=false}
     * a start recreates them as the engine's schema has them.
     */
    static final List<Index> UNNEEDED = List.of(
            new Index("ACT_IDX_VARIABLE_TASK_ID", "ACT_RU_VARIABLE", "TASK_ID_", "ACT_IDX_VARIABLE_TASK_NAME_TYPE begins with it"),
            new Index("ACT_IDX_VARIABLE_TENANT_ID", "ACT_RU_VARIABLE", "TENANT_ID_", NO_TENANTS),
            new Index("ACT_IDX_HI_PROCVAR_PROC_INST", "ACT_HI_VARINST", "PROC_INST_ID_", "ACT_IDX_HI_VAR_PI_NAME_TYPE begins with it"),
            new Index("ACT_IDX_HI_VARINST_NAME", "ACT_HI_VARINST", "NAME_", "ACT_IDX_HI_PROCVAR_NAME_TYPE begins with it"),
            new Index("ACT_IDX_HI_VAR_INST_TENANT_ID", "ACT_HI_VARINST", "TENANT_ID_", NO_TENANTS),
            new Index("ACT_IDX_HI_ACT_INST_TENANT_ID", "ACT_HI_ACTINST", "TENANT_ID_", NO_TENANTS),
            new Index("ACT_IDX_HI_PRO_INST_TENANT_ID", "ACT_HI_PROCINST", "TENANT_ID_", NO_TENANTS),
            new Index("ACT_IDX_HI_TASK_INST_TENANT_ID", "ACT_HI_TASKINST", "TENANT_ID_", NO_TENANTS),
            new Index("ACT_IDX_HI_IDENT_LNK_TENANT_ID", "ACT_HI_IDENTITYLINK", "TENANT_ID_", NO_TENANTS),
            new Index("ACT_IDX_EXEC_TENANT_ID", "ACT_RU_EXECUTION", "TENANT_ID_", NO_TENANTS),
            new Index("ACT_IDX_TASK_TENANT_ID", "ACT_RU_TASK", "TENANT_ID_", NO_TENANTS),
            new Index("ACT_IDX_JOB_TENANT_ID", "ACT_RU_JOB", "TENANT_ID_", NO_TENANTS),
            new Index("ACT_IDX_JOB_HANDLER_TYPE", "ACT_RU_JOB", "HANDLER_TYPE_", "ACT_IDX_JOB_HANDLER begins with it"),
            new Index("ACT_IDX_EVENT_SUBSCR_TENANT_ID", "ACT_RU_EVENT_SUBSCR", "TENANT_ID_", NO_TENANTS),
            // columns no statement of the engine's mappings looks rows up by (only inserts and result maps name them)
            new Index("ACT_IDX_HI_ACT_INST_PROC_DEF_KEY", "ACT_HI_ACTINST", "PROC_DEF_KEY_",
                    "no activity instance query filters on the definition key"),
            new Index("ACT_IDX_HI_PRO_RST_PRO_INST_ID", "ACT_HI_PROCINST", "RESTARTED_PROC_INST_ID_",
                    "only written (restarted instances), never looked up"),
            new Index("ACT_IDX_HI_VARINST_BYTEAR", "ACT_HI_VARINST", "BYTEARRAY_ID_",
                    "only read as a result of lookups by process instance (the MySQL variants aside)"),
            new Index("ACT_IDX_HI_CASEVAR_CASE_INST", "ACT_HI_VARINST", "CASE_INST_ID_", NO_CMMN),
            new Index("ACT_IDX_HI_TASKINSTID_PROCINST", "ACT_HI_TASKINST", "ID_, PROC_INST_ID_",
                    "begins with ID_, the primary key, which answers every lookup it could"),
            // PostgreSQL's schema indexes the CMMN columns of every variable and task (H2's: the foreign keys below)
            new Index("ACT_IDX_VAR_CASE_EXE", "ACT_RU_VARIABLE", "CASE_EXECUTION_ID_", NO_CMMN, POSTGRES),
            new Index("ACT_IDX_VAR_CASE_INST_ID", "ACT_RU_VARIABLE", "CASE_INST_ID_", NO_CMMN, POSTGRES),
            new Index("ACT_IDX_TASK_CASE_EXEC", "ACT_RU_TASK", "CASE_EXECUTION_ID_", NO_CMMN, POSTGRES),
            new Index("ACT_IDX_TASK_CASE_DEF_ID", "ACT_RU_TASK", "CASE_DEF_ID_", NO_CMMN, POSTGRES));

    /**
     * Foreign keys on the CMMN columns of every variable and task, dropped on H2 with the index H2 made for each (on H2
     * a foreign key has an index of its own unless one of exactly its columns exists). They reference CMMN case
     * executions and definitions, of which civicflow has none, so nothing they check can ever fail. PostgreSQL keeps
     * them: there a foreign key has no index of its own (the schema's are dropped above) and a null is not looked up.
     */
    static final List<ForeignKey> UNNEEDED_ON_H2 = List.of(
            new ForeignKey("ACT_FK_VAR_CASE_EXE", "ACT_RU_VARIABLE", "CASE_EXECUTION_ID_", CASE_EXECUTIONS, NO_CMMN),
            new ForeignKey("ACT_FK_VAR_CASE_INST", "ACT_RU_VARIABLE", "CASE_INST_ID_", CASE_EXECUTIONS, NO_CMMN),
            new ForeignKey("ACT_FK_TASK_CASE_EXE", "ACT_RU_TASK", "CASE_EXECUTION_ID_", CASE_EXECUTIONS, NO_CMMN),
            new ForeignKey("ACT_FK_TASK_CASE_DEF", "ACT_RU_TASK", "CASE_DEF_ID_", "ACT_RE_CASE_DEF", NO_CMMN));

    private final boolean dropUnneeded;

    EngineIndexes(@Value("${civicflow.engine.drop-unneeded-indexes:true}") boolean dropUnneeded) {
        this.dropUnneeded = dropUnneeded;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
        String database = configuration.getDatabaseType();
        JdbcClient sql = JdbcClient.create(configuration.getDataSource());
        INDEXES.forEach(index -> change(sql, index, true, prefix));
        UNNEEDED.stream().filter(index -> index.database() == null || index.database().equals(database))
                .forEach(index -> change(sql, index, !dropUnneeded, prefix));
        if (H2.equals(database)) {
            UNNEEDED_ON_H2.forEach(key -> change(sql, key, !dropUnneeded, prefix));
        }
    }

    /** Creates the index if missing, or drops it if present. */
    private static void change(JdbcClient sql, Index index, boolean create, String prefix) {
        run(sql, create ? "CREATE INDEX IF NOT EXISTS " + index.name() + " ON " + prefix + index.table()
                        + " (" + index.columns() + ")" : "DROP INDEX IF EXISTS " + prefix + index.name(),
                create, index.name());
    }

    /** Adds the foreign key (H2) if missing, or drops it (and the index H2 made for it) if present. */
    private static void change(JdbcClient sql, ForeignKey key, boolean create, String prefix) {
        String table = "ALTER TABLE " + prefix + key.table();
        run(sql, create ? table + " ADD CONSTRAINT IF NOT EXISTS " + key.name() + " FOREIGN KEY (" + key.column()
                + ") REFERENCES " + prefix + key.references() : table + " DROP CONSTRAINT IF EXISTS " + key.name(),
                create, key.name());
    }

    private static void run(JdbcClient sql, String statement, boolean create, String name) {
        try {
            sql.sql(statement).update();
        } catch (RuntimeException e) { // another node did the same at the same moment, or a table is missing
            log.warn("Could not {} {} (another node may have just done it, or its table is missing): {}",
                    create ? "create" : "drop", name, e.getMessage());
        }
    }
}
