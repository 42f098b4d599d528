package org.civicflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.civicflow.CivicflowTest;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CivicflowTest
class EngineIndexesAndJobAcquisitionTests {

    @Autowired
    JobAcquisition acquisition;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ManagementService management;
    @Autowired
    IntakeService intake;
    @Autowired
    DataSource dataSource;

    @Test
    void theDueDateIsIndexedSoAcquisitionReadsOnlyTheDueJobs() {
        assertThat(plan("SELECT ID_ FROM ACT_RU_JOB RES WHERE RES.RETRIES_ > 0 AND RES.DUEDATE_ <= CURRENT_TIMESTAMP "
                + "ORDER BY RES.DUEDATE_ ASC LIMIT 10")).contains("CF_IDX_JOB_DUEDATE");
    }

    @Test
    void anExecutionsVariablesAreReadByItsIdEvenWithoutStatistics() {
        // as on a new database: H2 knows nothing about how many rows share a value
        sql("ALTER TABLE ACT_RU_VARIABLE ALTER COLUMN TASK_ID_ SELECTIVITY 50");
        sql("ALTER TABLE ACT_RU_VARIABLE ALTER COLUMN EXECUTION_ID_ SELECTIVITY 50");

        assertThat(plan("SELECT ID_ FROM ACT_RU_VARIABLE RES WHERE EXECUTION_ID_ = 'x' AND TASK_ID_ IS NULL"))
                .contains("CF_IDX_VARIABLE_EXE_TASK");
    }

    @Test
    void theIndexesThatOnlyCostWritesAreDroppedAndThoseThatAnswerTheirLookupsRemain() {
        List<String> indexes = indexNames();

        assertThat(EngineIndexes.UNNEEDED).isNotEmpty()
                .allSatisfy(unneeded -> assertThat(indexes).doesNotContain(unneeded.name()));
        assertThat(indexes).contains("ACT_IDX_VARIABLE_TASK_NAME_TYPE", "ACT_IDX_HI_VAR_PI_NAME_TYPE",
                "ACT_IDX_HI_PROCVAR_NAME_TYPE", "ACT_IDX_JOB_HANDLER");
        // a task's variables: the index that began with TASK_ID_ alone is gone, the one that begins with it answers
        assertThat(plan("SELECT ID_ FROM ACT_RU_VARIABLE RES WHERE TASK_ID_ = 'x'"))
                .contains("ACT_IDX_VARIABLE_TASK_NAME_TYPE");
        // a historic task by its id: the primary key answers what the (ID_, PROC_INST_ID_) index did
        assertThat(plan("SELECT * FROM ACT_HI_TASKINST RES WHERE ID_ = 'x' AND PROC_INST_ID_ = 'y'"))
                .contains("PRIMARY_KEY");
        // the CMMN columns' foreign keys are gone with their indexes
        assertThat(constraintNames()).doesNotContainAnyElementsOf(foreignKeyNames());
        assertThat(indexes).noneMatch(index -> index.startsWith("ACT_FK_VAR_CASE_")
                || index.startsWith("ACT_FK_TASK_CASE_"));
    }

    @Test
    void beforeAnEngineUpgradeTheDroppedIndexesCanBeRecreated() {
        try {
            new EngineIndexes(false).postProcessEngineBuild(engine);

            List<String> indexes = indexNames();
            assertThat(EngineIndexes.UNNEEDED).filteredOn(index -> index.database() == null)
                    .allSatisfy(unneeded -> assertThat(indexes).contains(unneeded.name()));
            assertThat(EngineIndexes.UNNEEDED).filteredOn(index -> "postgres".equals(index.database()))
                    .allSatisfy(postgresOnly -> assertThat(indexes).doesNotContain(postgresOnly.name()));
            assertThat(constraintNames()).containsAll(foreignKeyNames());
        } finally {
            new EngineIndexes(true).postProcessEngineBuild(engine);
        }
        assertThat(indexNames()).doesNotContainAnyElementsOf(
                EngineIndexes.UNNEEDED.stream().map(EngineIndexes.Index::name).toList());
        assertThat(constraintNames()).doesNotContainAnyElementsOf(foreignKeyNames());
    }

    private List<String> indexNames() {
        return JdbcClient.create(dataSource).sql("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES").query(String.class).list();
    }

    private List<String> constraintNames() {
        return JdbcClient.create(dataSource).sql("SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS")
                .query(String.class).list();
    }

    private static List<String> foreignKeyNames() {
        return EngineIndexes.UNNEEDED_ON_H2.stream().map(EngineIndexes.ForeignKey::name).toList();
    }

    @Test
    void everyNewJobHasADueDateEvenAMailStep() {
        String processInstance = submit();

        List<Job> mailSteps = management.createJobQuery().processInstanceId(processInstance).messages().list();
        assertThat(mailSteps).hasSize(2).allSatisfy(job -> assertThat(job.getDuedate()).isNotNull());
    }

    @Test
    void jobsWithoutADueDateFromBeforeAreDatedAtStartSoTheyAreStillAcquired() {
        String processInstance = submit();
        assertThat(JdbcClient.create(dataSource).sql("UPDATE ACT_RU_JOB SET DUEDATE_ = NULL WHERE PROCESS_INSTANCE_ID_ = ? AND TYPE_ = 'message'")
                .param(processInstance).update()).isEqualTo(2);

        acquisition.postProcessEngineBuild(engine);

        assertThat(management.createJobQuery().processInstanceId(processInstance).list())
                .allSatisfy(job -> assertThat(job.getDuedate()).isNotNull());
    }

    private String plan(String query) {
        return JdbcClient.create(dataSource).sql("EXPLAIN " + query).query(String.class).single();
    }

    private void sql(String statement) {
        JdbcClient.create(dataSource).sql(statement).update();
    }

    /** A case replied to, so that its reply and call-back invitation mails wait as jobs (asynchronous steps). */
    private String submit() {
        String processInstance = intake.submit(new Submission("noise", "job acquisition test", null, "500103003", null,
                new Submission.Reporter("张三", "13800000000", "zhang@example.org"), "hotline", null, Map.of()), "test")
                .processInstanceId();
        complete(processInstance, Map.of("signForDecision", "sign"));
        complete(processInstance, Map.of("handlingAction", "reply", "actionsTaken", "inspected", "outcome", "resolved",
                "replyToCitizen", "done"));
        return processInstance;
    }

    private void complete(String processInstance, Map<String, Object> answers) {
        TaskService tasks = engine.getTaskService();
        tasks.complete(tasks.createTaskQuery().processInstanceId(processInstance).singleResult().getId(), answers);
    }
}
