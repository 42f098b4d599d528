package org.civicflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.civicflow.CivicflowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CivicflowTest
class AuthorizationGroupsTests {

    @Autowired
    ProcessEngine engine;

    @Test
    void aUsersFewGroupsGoIntoTheCheckAsTheyAreWithoutReadingEveryGroupWithAGrant() {
        List<String> filtered = inCommand(manager -> manager.filterAuthenticatedGroupIds(
                Arrays.asList("500103003-handler", "no-such-group", null, "500103003-handler")));

        assertThat(filtered).containsExactly("500103003-handler", "no-such-group");
    }

    @Test
    void manyGroupsAreStillFilteredByTheEngine() {
        List<String> groups = new ArrayList<>(IntStream.range(0, AuthorizationGroups.PASS_THROUGH_GROUPS)
                .mapToObj(i -> "directory-group-" + i).toList());
        groups.add("camunda-admin"); // granted everything at start (security/OfficeAuthorizations)

        assertThat(inCommand(manager -> manager.filterAuthenticatedGroupIds(groups))).containsExactly("camunda-admin");
    }

    private List<String> inCommand(Function<AuthorizationManager, List<String>> work) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequired().execute((Command<List<String>>) context -> {
            AuthorizationManager manager = context.getAuthorizationManager();
            assertThat(manager).isInstanceOf(AuthorizationGroups.GroupsAsGiven.class);
            return work.apply(manager);
        });
    }
}
