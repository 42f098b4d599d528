package org.civicflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.civicflow.CivicflowTest;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CivicflowTest
class JobAcquisitionTests {

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
        assertThat(JdbcClient.create(dataSource)
                .sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME = 'CF_IDX_JOB_DUEDATE'")
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(JdbcClient.create(dataSource).sql("EXPLAIN SELECT ID_ FROM ACT_RU_JOB RES WHERE RES.RETRIES_ > 0 "
                        + "AND RES.DUEDATE_ <= CURRENT_TIMESTAMP ORDER BY RES.DUEDATE_ ASC LIMIT 10")
                .query(String.class).single()).contains("CF_IDX_JOB_DUEDATE");
    }

    @Test
    void everyNewJobHasADueDateEvenAMailStep() {
        String processInstance = submit();

        List<Job> mailSteps = management.createJobQuery().processInstanceId(processInstance).messages().list();
        assertThat(mailSteps).isNotEmpty().allSatisfy(job -> assertThat(job.getDuedate()).isNotNull());
    }

    @Test
    void jobsWithoutADueDateFromBeforeAreDatedAtStartSoTheyAreStillAcquired() {
        String processInstance = submit();
        JdbcClient.create(dataSource).sql("UPDATE ACT_RU_JOB SET DUEDATE_ = NULL WHERE PROCESS_INSTANCE_ID_ = ? AND TYPE_ = 'message'")
                .param(processInstance).update();

        acquisition.postProcessEngineBuild(engine);

        assertThat(management.createJobQuery().processInstanceId(processInstance).list())
                .allSatisfy(job -> assertThat(job.getDuedate()).isNotNull());
    }

    private String submit() {
        return intake.submit(new Submission("noise", "job acquisition test", null, "500103003", null,
                new Submission.Reporter("张三", "13800000000", "zhang@example.org"), "hotline", null, Map.of()), "test")
                .processInstanceId();
    }
}
