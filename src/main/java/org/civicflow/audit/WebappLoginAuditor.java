package org.civicflow.audit;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * Records every log-in to the Camunda webapps (Tasklist, Cockpit, Admin, Welcome), successful or not:
 * {@code POST /camunda/api/admin/auth/user/{engine}/login/{app}} with the form fields {@code username} and
 * {@code password}. The password is never recorded. The outcome is read from the response status (200 = logged in).
 */
@Configuration(proxyBeanMethods = false)
class WebappLoginAuditor {

    static final String LOGIN_PATH = "/camunda/api/admin/auth/user/*";
    private static final Logger log = LoggerFactory.getLogger(WebappLoginAuditor.class);

    @Bean
    FilterRegistrationBean<LoginFilter> webappLoginAudit(AuditTrail trail) {
        FilterRegistrationBean<LoginFilter> registration = new FilterRegistrationBean<>(new LoginFilter(trail));
        registration.setName("civicflow-webapp-login-audit");
        registration.addUrlPatterns(LOGIN_PATH);
        return registration;
    }

    static final class LoginFilter extends OncePerRequestFilter {

        private final AuditTrail trail;

        LoginFilter(AuditTrail trail) {
            this.trail = trail;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"POST".equals(request.getMethod()) || !request.getRequestURI().contains("/login/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            // The body is left to Camunda's resource and only looked at afterwards (a copy kept while it is read):
            // parsing the form here would take it away from Jersey.
            ContentCachingRequestWrapper body = new ContentCachingRequestWrapper(request, 8192);
            String uri = request.getRequestURI();
            String app = uri.substring(uri.lastIndexOf('/') + 1);
            chain.doFilter(body, response);
            String username = formField(new String(body.getContentAsByteArray(), StandardCharsets.UTF_8), "username");
            int status = response.getStatus();
            boolean ok = status >= 200 && status < 300;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("app", app);
            details.put("status", status);
            details.put("remoteAddress", request.getRemoteAddr());
            details.put("userAgent", request.getHeader("User-Agent"));
            details.values().removeIf(v -> v == null);
            try {
                trail.record(new AuditEvent(ok ? AuditActions.LOGIN_SUCCEEDED : AuditActions.LOGIN_FAILED,
                        username == null || username.isBlank() ? "anonymous" : username.strip(), null, null, null, details));
            } catch (RuntimeException e) {
                log.error("Could not record the {} log-in of '{}' in the audit trail", app, username, e);
            }
        }

        static String formField(String form, String name) {
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && name.equals(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8))) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }
}
