package org.civicflow.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One string variable of many process instances at once, as the instances themselves hold it (not a variable local to
 * one of their paths or tasks).
 *
 * <p>The engine's variable query cannot do this cheaply: its statement reads every variable of each instance, joins
 * each to its execution and that execution's parent, and filters the names afterwards. For the 500 cases of a mail
 * round that was some 6,000 rows with two joins each, and 5 % of all the CPU under intake load (docs/benchmarks.md,
 * series U). Here the row is found by the engine's unique index on scope and name: one index lookup per instance.
 * Values too long for the text column (stored as byte arrays) and values of other types are not returned.
 */
@Component
public class ProcessVariables {

    private final ProcessEngine engine;

    ProcessVariables(ProcessEngine engine) {
        this.engine = engine;
    }

    /** The variable's value per process instance id, for the instances that have it as a string. */
    public Map<String, String> stringOf(String name, Collection<String> processInstanceIds) {
        Map<String, String> values = new HashMap<>();
        if (processInstanceIds.isEmpty()) {
            return values;
        }
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
        // an instance's own variables have the instance as their scope (VAR_SCOPE_), those of its paths and tasks not
        JdbcClient.create(configuration.getDataSource()).sql("SELECT VAR_SCOPE_, TEXT_ FROM " + prefix + "ACT_RU_VARIABLE "
                        + "WHERE NAME_ = :name AND VAR_SCOPE_ IN (:instances) AND TYPE_ = 'string' AND BYTEARRAY_ID_ IS NULL")
                .param("name", name).param("instances", processInstanceIds)
                .query(rs -> {
                    values.put(rs.getString(1), rs.getString(2));
                });
        return values;
    }
}
