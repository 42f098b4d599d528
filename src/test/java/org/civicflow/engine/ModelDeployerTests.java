package org.civicflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.RepositoryService;
import org.civicflow.CivicflowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CivicflowTest
class ModelDeployerTests {

    @Autowired
    ModelDeployer deployer;
    @Autowired
    RepositoryService repository;

    @Test
    void modelsAreDeployedUnderTheirClasspathNames() {
        var deployment = repository.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME).singleResult();

        assertThat(repository.getDeploymentResourceNames(deployment.getId()))
                .contains("processes/citizen-request.bpmn", "forms/sign-for.form", "forms/handle.form",
                        "forms/call-back.form", "forms/district-dispatch.form", "forms/city-dispatch.form",
                        "forms/decide-after-returns.form");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("citizenRequest").latestVersion()
                .singleResult().getResourceName()).isEqualTo("processes/citizen-request.bpmn");
    }

    @Test
    void deployingUnchangedModelsAgainCreatesNoNewVersion() {
        long definitions = repository.createProcessDefinitionQuery().count();
        long deployments = repository.createDeploymentQuery().count();

        deployer.afterSingletonsInstantiated();

        assertThat(repository.createProcessDefinitionQuery().count()).isEqualTo(definitions);
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    }
}
