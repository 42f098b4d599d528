package org.civicflow.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.civicflow.config.DatabaseUnavailable;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A request that fails because the database cannot be reached (a restart, no pooled connection free in time) is
 * answered {@code 503} with {@code Retry-After}: nothing was stored and the client should retry; any other failure is
 * still a {@code 500}. Exercises the API's own error handling ({@link ApiProblems}) behind a controller that fails the
 * way the engine and Spring fail when the database goes away.
 */
class DatabaseUnavailableApiTests {

    @RestController
    static class Failing {
        @GetMapping("/api/v1/failing")
        String fail(@RequestParam String how) {
            throw switch (how) {
                case "pool" -> new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 30000ms."));
                case "engine" -> new ProcessEngineException("ENGINE-03004 Exception while executing Database Operation",
                        new PersistenceException(new SQLNonTransientConnectionException("This connection has been closed.")));
                default -> new IllegalStateException("a bug");
            };
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new ApiProblems()).build();

    @Test
    void noConnectionFromThePoolIsA503WithRetryAfter() throws Exception {
        mvc.perform(get("/api/v1/failing").param("how", "pool"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS)))
                .andExpect(jsonPath("$.type", endsWith("/database-unavailable")))
                .andExpect(jsonPath("$.detail", containsString("nothing was stored")))
                .andExpect(jsonPath("$.errors").isArray());
    }

    @Test
    void aConnectionLostUnderTheEngineIsA503Too() throws Exception {
        mvc.perform(get("/api/v1/failing").param("how", "engine"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"));
    }

    @Test
    void anyOtherFailureIsStillA500WithoutRetryAfter() throws Exception {
        mvc.perform(get("/api/v1/failing").param("how", "bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.type", endsWith("/internal-error")));
    }
}
