package org.civicflow.dashboard;

import org.civicflow.escalation.AlertService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The map shows the warnings the escalation feature holds in force (CAP alerts and derived rainfall signals). */
@Configuration(proxyBeanMethods = false)
class WarningFeedConfiguration {

    @Bean
    WarningFeed warningFeed(AlertService alerts) {
        return alerts::warningsInForce;
    }
}
