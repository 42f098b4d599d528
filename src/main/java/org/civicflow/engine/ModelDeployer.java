package org.civicflow.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the models in {@code processes/} and {@code forms/} as one deployment with stable, classpath-relative
 * resource names ({@code processes/citizen-request.bpmn}), before the application serves requests.
 *
 * <p>Duplicate filtering makes a restart with unchanged files a no-op (no new process-definition version); when any
 * file changed, everything is deployed together so {@code camunda:formRefBinding="deployment"} finds the forms that
 * belong to the same version of the process.
 */
@Component
class ModelDeployer implements SmartInitializingSingleton {

    static final String DEPLOYMENT_NAME = "civicflow";
    private static final List<String> LOCATIONS = List.of("processes/**/*.bpmn", "forms/**/*.form");
    private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);

    private final RepositoryService repository;
    private final ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    ModelDeployer(RepositoryService repository) {
        this.repository = repository;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, byte[]> resources = load();
        DeploymentBuilder builder = repository.createDeployment()
                .name(DEPLOYMENT_NAME)
                .source(DEPLOYMENT_NAME)
                .enableDuplicateFiltering(false);
        resources.forEach((name, bytes) -> builder.addInputStream(name, new java.io.ByteArrayInputStream(bytes)));
        DeploymentWithDefinitions deployment = builder.deployWithResult();
        log.info("Models {} in deployment {} ({})", resources.keySet(), deployment.getId(),
                deployment.getDeployedProcessDefinitions() == null || deployment.getDeployedProcessDefinitions().isEmpty() ? "unchanged" : "new version");
    }

    private Map<String, byte[]> load() {
        Map<String, byte[]> resources = new TreeMap<>();
        for (String location : LOCATIONS) {
            String folder = location.substring(0, location.indexOf('/'));
            try {
                for (Resource resource : resolver.getResources("classpath*:" + location)) {
                    String url = resource.getURL().toString();
                    String name = url.substring(url.lastIndexOf("/" + folder + "/") + 1);
                    try (InputStream in = resource.getInputStream()) {
                        resources.put(name, in.readAllBytes());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the models under " + folder + "/", e);
            }
        }
        if (resources.isEmpty()) {
            throw new IllegalStateException("No models found under processes/ and forms/ on the classpath");
        }
        return resources;
    }
}
