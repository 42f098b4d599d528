package org.civicflow.security;

import java.time.Clock;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** {@code /api/v1} requires an API client (see {@link ApiAuthenticationFilter}); the OpenAPI docs stay public. */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identity, ApiKeys keys, Clock clock) {
        FilterRegistrationBean<ApiAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ApiAuthenticationFilter(identity, keys, clock));
        registration.setName("civicflow-api-authentication");
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }
}
