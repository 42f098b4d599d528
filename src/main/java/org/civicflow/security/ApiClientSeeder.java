package org.civicflow.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Camunda group {@value ApiAuthenticationFilter#CLIENT_GROUP} whose members may call {@code /api/v1}, in every
 * profile; in the demo profile also the user {@code demo-client} (password {@code demo}) and the demo API keys
 * {@value #DEMO_API_KEY} ({@code /api/v1}) and {@value #DEMO_OPEN311_KEY} (Open311). The prod profile creates no user
 * and no key.
 */
@Component
class ApiClientSeeder implements SmartInitializingSingleton {

    static final String DEMO_CLIENT = "demo-client";
    static final String DEMO_API_KEY = "demo-api-key";
    static final String DEMO_OPEN311_KEY = "demo-open311-key";
    private static final Logger log = LoggerFactory.getLogger(ApiClientSeeder.class);

    private final IdentityService identity;
    private final ApiKeys keys;
    private final boolean demo;
    private final String demoPassword;

    ApiClientSeeder(IdentityService identity, ApiKeys keys,
                    @Value("${civicflow.identity.demo-users:false}") boolean demo,
                    @Value("${civicflow.identity.demo-password:demo}") String demoPassword) {
        this.identity = identity;
        this.keys = keys;
        this.demo = demo;
        this.demoPassword = demoPassword;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (identity.createGroupQuery().groupId(ApiAuthenticationFilter.CLIENT_GROUP).count() == 0) {
            Group group = identity.newGroup(ApiAuthenticationFilter.CLIENT_GROUP);
            group.setName("REST API clients (/api/v1)");
            group.setType("system");
            identity.saveGroup(group);
        }
        if (!demo) {
            return;
        }
        if (identity.createUserQuery().userId(DEMO_CLIENT).count() == 0) {
            User user = identity.newUser(DEMO_CLIENT);
            user.setFirstName("Demo");
            user.setLastName("API client");
            user.setPassword(demoPassword);
            ((org.camunda.bpm.engine.impl.IdentityServiceImpl) identity).saveUser(user, true); // demo password, below the policy on purpose
            identity.createMembership(DEMO_CLIENT, ApiAuthenticationFilter.CLIENT_GROUP);
            log.info("Created the demo API client '{}' in group '{}'", DEMO_CLIENT, ApiAuthenticationFilter.CLIENT_GROUP);
        }
        keys.register(DEMO_API_KEY, DEMO_CLIENT, ApiKeys.API);
        keys.register(DEMO_OPEN311_KEY, "demo-open311", ApiKeys.OPEN311);
    }
}
