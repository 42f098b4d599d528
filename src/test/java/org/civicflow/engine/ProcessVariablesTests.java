package org.civicflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.civicflow.CivicflowTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CivicflowTest
class ProcessVariablesTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    ProcessVariables variables;

    Deployment deployment;

    @BeforeEach
    void deploy() {
        deployment = engine.getRepositoryService().createDeployment().addModelInstance("process-variables-test.bpmn",
                Bpmn.createExecutableProcess("processVariablesTest").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("Wait").endEvent().done()).deploy();
    }

    @AfterEach
    void undeploy() {
        engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }

    @Test
    void readsTheInstancesOwnStringValueOfEachInstance() {
        ProcessInstance first = start(Variables.createVariables().putValue("label", "噪声扰民 Noise").putValue("count", 3));
        ProcessInstance second = start(Variables.createVariables().putValue("label", "路灯 Streetlight"));
        ProcessInstance without = start(Variables.createVariables().putValue("count", 1));
        // a task's own variable of the same name is not the instance's
        String task = engine.getTaskService().createTaskQuery().processInstanceId(without.getId()).singleResult().getId();
        engine.getTaskService().setVariableLocal(task, "label", "the task's");

        Map<String, String> labels = variables.stringOf("label",
                List.of(first.getId(), second.getId(), without.getId(), "no-such-instance"));

        assertThat(labels).containsOnly(Map.entry(first.getId(), "噪声扰民 Noise"),
                Map.entry(second.getId(), "路灯 Streetlight"));
        assertThat(variables.stringOf("count", List.of(first.getId()))).as("not a string").isEmpty();
        assertThat(variables.stringOf("label", List.of())).isEmpty();
    }

    private ProcessInstance start(Map<String, Object> values) {
        return engine.getRuntimeService().startProcessInstanceByKey("processVariablesTest", values);
    }
}
