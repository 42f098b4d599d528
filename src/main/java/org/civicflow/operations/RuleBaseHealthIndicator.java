package org.civicflow.operations;

import java.util.Map;
import java.util.TreeMap;

import org.civicflow.rules.RuleBase;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code ruleBase}: the Drools rule areas compiled at start-up with their rule-set
 * versions; down when none compiled (a broken rule file stops start-up, so this mostly shows which versions run).
 */
@Component("ruleBaseHealthIndicator")
class RuleBaseHealthIndicator extends AbstractHealthIndicator {

    private final RuleBase rules;

    RuleBaseHealthIndicator(RuleBase rules) {
        super("The rule base is not usable");
        this.rules = rules;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, String> versions = new TreeMap<>();
        rules.areas().forEach(area -> versions.put(area, rules.version(area)));
        builder.withDetail("areas", versions);
        if (versions.isEmpty()) {
            builder.down().withDetail("reason", "no rule area compiled");
        } else {
            builder.up();
        }
    }
}
