package org.civicflow.api;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** Web plumbing of the external APIs: the body size limit and the OpenAPI description (Swagger UI at /api/docs). */
@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration {

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> apiBodySizeLimit() {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(new BodySizeLimitFilter());
        registration.setName("civicflow-api-body-size-limit");
        registration.addUrlPatterns("/api/*", "/open311/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        return registration;
    }

    @Bean
    OpenAPI civicflowOpenApi() {
        return new OpenAPI()
                .info(new Info().title("civicflow API").version("v1")
                        .description("""
                                Cases for external systems (the 12345 call centre, the online portal, sensor platforms, \
                                other agencies): submit a citizen request, follow it, add information, read the SLA figures. \
                                Authenticate with HTTP Basic as a member of the Camunda group `api-clients` (demo: \
                                `demo-client`/`demo`) or with the header `X-API-Key`. Errors are RFC 9457 problem details \
                                with an `errors` list of {field, message}. Open311 GeoReport v2 is served under /open311/v2 \
                                (api_key parameter on POST)."""))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
