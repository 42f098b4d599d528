package org.civicflow.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * In the {@code prod} profile civicflow refuses to start while a secret still has a default value or demo identities
 * are switched on; secrets come from the environment (see README, "Production").
 */
@Component
@Profile("prod")
class ProductionSafetyCheck implements InitializingBean {

    static final Set<String> DEFAULT_SECRETS = Set.of("", "demo", "admin", "password", "changeit", "demo-open311-key");

    private final Environment environment;

    ProductionSafetyCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = new ArrayList<>();
        String adminPassword = environment.getProperty("civicflow.admin.password", "");
        if (DEFAULT_SECRETS.contains(adminPassword.trim().toLowerCase())) {
            problems.add("civicflow.admin.password (CIVICFLOW_ADMIN_PASSWORD) is empty or a default value");
        }
        if (environment.getProperty("civicflow.identity.demo-users", Boolean.class, false)) {
            problems.add("civicflow.identity.demo-users must be false in production");
        }
        for (String key : environment.getProperty("civicflow.api.keys", String[].class, new String[0])) {
            if (DEFAULT_SECRETS.contains(key.trim().toLowerCase())) {
                problems.add("civicflow.api.keys contains a default key");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in the prod profile: " + String.join("; ", problems));
        }
    }
}
