package org.civicflow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Authorization checks that take a user's few groups as they are.
 *
 * <p>Before its first authorization check in a command, the engine reads every group id that holds any grant
 * ({@code SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION}) and keeps only the user's groups found there, so that
 * a user in hundreds of directory groups does not put them all into the check's {@code GROUP_ID_ IN (...)}. Here every
 * office holds grants (each case grants its district's offices), so the read returned all 1,266 office groups, for every
 * Tasklist refresh and every engine REST call: about a fifth of the CPU of a process start through {@code /engine-rest}
 * (JFR, docs/benchmarks.md). A civicflow user is in one to three groups; a group without grants in the check matches
 * nothing, so the result is the same. Above {@link #PASS_THROUGH_GROUPS} groups the engine's filter runs as before.
 * (The same idea is an option, {@code authGroupFilterThreshold}, in engines derived from Camunda 7.)
 */
@Component
class AuthorizationGroups extends AbstractProcessEnginePlugin {

    /** Up to this many groups, a user's groups go into the authorization check as they are. */
    static final int PASS_THROUGH_GROUPS = 50;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        factories.add(new SessionFactory() { // registered after the engine's own, so it replaces it
            @Override
            public Class<?> getSessionType() {
                return AuthorizationManager.class;
            }

            @Override
            public Session openSession() {
                return new GroupsAsGiven();
            }
        });
        configuration.setCustomSessionFactories(factories);
    }

    static final class GroupsAsGiven extends AuthorizationManager {

        @Override
        public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
            if (authenticatedGroupIds == null || authenticatedGroupIds.size() > PASS_THROUGH_GROUPS) {
                return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
            }
            return new ArrayList<>(authenticatedGroupIds.stream().filter(Objects::nonNull).distinct().toList());
        }
    }
}
