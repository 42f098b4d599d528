package org.civicflow.operations;

import java.io.IOException;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Counts {@code POST /api/v1/alerts} (CAP alerts from the weather service) by the HTTP status they were answered with. */
@Configuration(proxyBeanMethods = false)
class AlertMetricsFilter {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> alertMetrics(CivicflowMetrics metrics) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } finally {
                    if ("POST".equals(request.getMethod())) {
                        metrics.alertReceived(response.getStatus());
                    }
                }
            }
        });
        registration.setName("civicflow-alert-metrics");
        registration.addUrlPatterns("/api/v1/alerts");
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 50); // before the API authentication

        return registration;
    }
}
