package org.civicflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.ibatis.mapping.MappedStatement;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.civicflow.CivicflowTest;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CivicflowTest
class CandidateTaskQueryTests {

    static final String OFFICE = "500103003-handler";

    @Autowired
    ProcessEngine engine;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    IntakeService intake;

    ProcessEngineConfigurationImpl configuration;

    @BeforeEach
    void twoCasesAtTheOffice() {
        configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        for (int i = 0; i < 2; i++) {
            intake.submit(new Submission("noise", "task query test", null, "500103003", null,
                    new Submission.Reporter("张三", "13800000000", "zhang@example.org"), "hotline", null, Map.of()), "test");
        }
    }

    @Test
    void onH2TasklistsQueriesUseTheStatementThatStartsFromTheGroupsLinks() {
        DbSqlSessionFactory statements = configuration.getDbSqlSessionFactory();
        assertThat(statements.mapStatement("selectTaskByQueryCriteria")).startsWith(CandidateTaskQuery.NAMESPACE);
        assertThat(statements.mapStatement("selectTaskCountByQueryCriteria")).startsWith(CandidateTaskQuery.NAMESPACE);

        assertThat(sql((TaskQueryImpl) tasks.createTaskQuery().taskCandidateGroup(OFFICE)))
                .contains("from ACT_RU_IDENTITYLINK I inner join ACT_RU_TASK RES").doesNotContain("left join ACT_RU_IDENTITYLINK");
        assertThat(sql((TaskQueryImpl) tasks.createTaskQuery().taskInvolvedUser(OFFICE)))
                .contains("left join ACT_RU_IDENTITYLINK I");
        assertThat(sql((TaskQueryImpl) tasks.createTaskQuery().or().taskCandidateGroup(OFFICE).taskAssignee("x").endOr()))
                .contains("left join ACT_RU_IDENTITYLINK I");
    }

    @Test
    void itIsBuiltFromTheEnginesOwnMappingWithOnlyTheJoinChanged() throws IOException {
        String engineMapping;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CandidateTaskQuery.ENGINE_MAPPING)) {
            engineMapping = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String mapper = CandidateTaskQuery.mapper(engineMapping);

        assertThat(mapper).isNotNull().contains(CandidateTaskQuery.FROM_LINKS_OR_TASKS, CandidateTaskQuery.LEFT_JOIN_UNLESS_FROM_LINKS);
        assertThat(CandidateTaskQuery.mapper(engineMapping.replace(CandidateTaskQuery.LEFT_JOIN, "left join X")))
                .as("an engine whose join changed keeps its own statement").isNull();
    }

    @Test
    void everyKindOfTaskQueryFindsWhatTheEnginesStatementFinds() {
        List<Supplier<TaskQuery>> queries = List.of(
                () -> tasks.createTaskQuery().taskCandidateGroup(OFFICE),
                () -> tasks.createTaskQuery().taskCandidateGroupIn(List.of(OFFICE, "500103-supervisor")).includeAssignedTasks(),
                () -> tasks.createTaskQuery().taskCandidateUser(OFFICE),
                () -> tasks.createTaskQuery().taskCandidateGroupLike("500103%"),
                () -> tasks.createTaskQuery().withCandidateGroups(),
                () -> tasks.createTaskQuery().withoutCandidateGroups(),
                () -> tasks.createTaskQuery().taskInvolvedUser(OFFICE),
                () -> tasks.createTaskQuery().or().taskCandidateGroup(OFFICE).taskAssignee("nobody").endOr(),
                () -> tasks.createTaskQuery().processDefinitionKey("citizenRequest"));
        for (Supplier<TaskQuery> query : queries) {
            List<String> ours = ids(query.get());
            long ourCount = query.get().count();
            List<String> engines = withTheEnginesStatement(() -> ids(query.get()));
            long engineCount = withTheEnginesStatement(() -> query.get().count());
            assertThat(ours).isEqualTo(engines);
            assertThat(ourCount).isEqualTo(engineCount);
        }
        assertThat(ids(tasks.createTaskQuery().taskCandidateGroup(OFFICE))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void anOfficeClerkStillSeesOnlyTheTasksTheyMayRead() {
        identity.setAuthentication(OFFICE, List.of(OFFICE));
        try {
            List<String> ours = ids(tasks.createTaskQuery().taskCandidateGroup(OFFICE));
            List<String> others = ids(tasks.createTaskQuery().taskCandidateGroup("500103-supervisor"));
            assertThat(ours).isNotEmpty().isEqualTo(withTheEnginesStatement(() -> ids(tasks.createTaskQuery().taskCandidateGroup(OFFICE))));
            assertThat(others).isEqualTo(withTheEnginesStatement(() -> ids(tasks.createTaskQuery().taskCandidateGroup("500103-supervisor"))));
        } finally {
            identity.clearAuthentication();
        }
    }

    private List<String> ids(TaskQuery query) {
        return query.orderByTaskCreateTime().asc().orderByTaskId().asc().list().stream().map(Task::getId).toList();
    }

    private <T> T withTheEnginesStatement(Supplier<T> query) {
        DbSqlSessionFactory statements = configuration.getDbSqlSessionFactory();
        Map<String, String> ours = statements.getStatementMappings();
        Map<String, String> engines = new HashMap<>(ours);
        engines.remove("selectTaskByQueryCriteria");
        engines.remove("selectTaskCountByQueryCriteria");
        statements.setStatementMappings(engines);
        try {
            return query.get();
        } finally {
            statements.setStatementMappings(ours);
        }
    }

    private String sql(TaskQueryImpl query) {
        MappedStatement statement = configuration.getSqlSessionFactory().getConfiguration()
                .getMappedStatement(configuration.getDbSqlSessionFactory().mapStatement("selectTaskByQueryCriteria"));
        return statement.getBoundSql(query).getSql().replaceAll("\\s+", " ");
    }
}
