package org.civicflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.SQLNonTransientConnectionException;
import java.time.Clock;
import java.util.Base64;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.civicflow.config.DatabaseUnavailable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * API clients are checked against the database before any controller runs: when the database cannot be reached
 * there, the answer is the same {@code 503} with {@code Retry-After} as a controller's (api/ApiProblems), not the
 * servlet container's {@code 500}; any other failure of the check still propagates.
 */
class ApiAuthenticationWithoutDatabaseTests {

    private static IdentityService identityFailingWith(RuntimeException failure) {
        return (IdentityService) Proxy.newProxyInstance(IdentityService.class.getClassLoader(),
                new Class<?>[] {IdentityService.class}, (proxy, method, args) -> {
                    throw failure;
                });
    }

    private static MockHttpServletRequest basicRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/cases");
        request.addHeader("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("demo-client:demo".getBytes(StandardCharsets.UTF_8)));
        return request;
    }

    @Test
    void aDatabaseThatCannotBeReachedWhileCheckingCredentialsIsA503() throws Exception {
        ApiAuthenticationFilter filter = new ApiAuthenticationFilter(identityFailingWith(new ProcessEngineException(
                "ENGINE-03083 Exception while executing Batch Database Operations",
                new SQLNonTransientConnectionException("Connection refused"))), null, Clock.systemUTC());
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(basicRequest(), response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo(String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("/problems/database-unavailable", "nothing was stored");
        assertThat(chain.getRequest()).as("no controller ran").isNull();
    }

    @Test
    void anyOtherFailureOfTheCheckStillPropagates() {
        ApiAuthenticationFilter filter = new ApiAuthenticationFilter(identityFailingWith(new IllegalStateException("a bug")),
                null, Clock.systemUTC());

        assertThatThrownBy(() -> filter.doFilter(basicRequest(), new MockHttpServletResponse(), new MockFilterChain()))
                .hasMessageContaining("a bug");
    }
}
