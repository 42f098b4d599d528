package org.civicflow.engine;

import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;

/**
 * Completing or submitting a task through {@code /engine-rest} with values our rules refuse is the caller's mistake:
 * answer 400 with the rules' message ({@code InvalidRequestException}, as the engine REST API types its own 400s)
 * instead of the engine's 500 "exception while invoking the TaskListener". Tasklist shows that message to the clerk.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestRejections {

    @Bean
    ResourceConfigCustomizer taskFormRejectionsAreBadRequests() {
        return config -> config.register(new BadRequestForRejectedForms());
    }

    static final class BadRequestForRejectedForms implements ContainerResponseFilter {

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            if (response.getStatus() == Response.Status.INTERNAL_SERVER_ERROR.getStatusCode()
                    && response.getEntity() instanceof ExceptionDto error) {
                TaskFormRejection.foundIn(error.getMessage()).ifPresent(rejection -> {
                    error.setType("InvalidRequestException");
                    error.setMessage(rejection);
                    response.setStatus(Response.Status.BAD_REQUEST.getStatusCode());
                });
            }
        }
    }
}
