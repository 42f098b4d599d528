package org.civicflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.civicflow.CivicflowTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CivicflowTest
class NewTaskGrantsTests {

    static final String OFFICE = "500103003-handler";
    static final String OTHER_OFFICE = "500103008-handler";

    @Autowired
    ProcessEngine engine;

    Deployment deployment;

    @BeforeEach
    void deploy() {
        deployment = engine.getRepositoryService().createDeployment().addModelInstance("new-task-grants-test.bpmn",
                Bpmn.createExecutableProcess("newTaskGrantsTest").camundaHistoryTimeToLive(1).startEvent()
                        .userTask("Work").camundaCandidateGroups(OFFICE + "," + OFFICE + "," + OTHER_OFFICE)
                        .endEvent().done()).deploy();
    }

    @AfterEach
    void undeploy() {
        engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }

    @Test
    void theEnginesProviderIsTheOneThatSkipsLookupsForNewTasks() {
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getResourceAuthorizationProvider())
                .isInstanceOf(NewTaskGrants.class);
    }

    @Test
    void aNewTasksCandidateOfficesGetOneGrantEachOnTheTaskAndItsHistoryEvenWhenNamedTwice() {
        Task task = newTask();

        for (String office : List.of(OFFICE, OTHER_OFFICE)) {
            assertThat(grants(office, Resources.TASK, task.getId())).singleElement().satisfies(grant -> {
                assertThat(grant.isPermissionGranted(Permissions.READ)).isTrue();
                assertThat(grant.isPermissionGranted(Permissions.UPDATE)).isTrue();
            });
            assertThat(grants(office, Resources.HISTORIC_TASK, task.getId())).singleElement()
                    .satisfies(grant -> assertThat(grant.isPermissionGranted(HistoricTaskPermissions.READ)).isTrue());
        }
    }

    @Test
    void anOfficeAddedToAnExistingTaskExtendsOrCreatesItsGrantsAsTheEngineDoes() {
        Task task = newTask();

        engine.getTaskService().addCandidateGroup(task.getId(), OFFICE); // has its grants: found, not duplicated
        engine.getTaskService().addCandidateGroup(task.getId(), "500106001-handler"); // a new office: granted

        assertThat(grants(OFFICE, Resources.TASK, task.getId())).hasSize(1);
        assertThat(grants(OFFICE, Resources.HISTORIC_TASK, task.getId())).hasSize(1);
        assertThat(grants("500106001-handler", Resources.TASK, task.getId())).hasSize(1);
        assertThat(grants("500106001-handler", Resources.HISTORIC_TASK, task.getId())).hasSize(1);
    }

    private Task newTask() {
        String instance = engine.getRuntimeService().startProcessInstanceByKey("newTaskGrantsTest").getId();
        return engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
    }

    private List<Authorization> grants(String group, Resources resource, String taskId) {
        return engine.getAuthorizationService().createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(group).resourceType(resource).resourceId(taskId).list();
    }
}
