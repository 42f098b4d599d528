package org.civicflow.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The audit endpoints ({@code /api/v1/audit/**} and {@code /api/v1/cases/{businessKey}/audit}) are for supervisors:
 * HTTP Basic against Camunda's users (as on {@code /engine-rest}) or the Cockpit session (the dashboard's links),
 * then membership of a supervision office
 * ({@code <divisionCode>-supervisor}) or of {@code camunda-admin}. 401 without valid credentials, 403 for other users,
 * both as problem details. The rest of {@code /api} is not affected (its security comes with a later issue).
 */
@Configuration(proxyBeanMethods = false)
class AuditApiSecurity {

    static final String ADMIN_GROUP = "camunda-admin";
    static final Pattern AUDIT_PATH = Pattern.compile("^/api/v1/(audit(/.*)?|cases/[^/]+/audit/?)$");

    @Bean
    FilterRegistrationBean<SupervisorOnly> auditApiAuthentication(IdentityService identity,
                                                                   org.camunda.bpm.engine.ProcessEngine engine) {
        FilterRegistrationBean<SupervisorOnly> registration =
                new FilterRegistrationBean<>(new SupervisorOnly(identity, engine.getName()));
        registration.setName("civicflow-audit-api-authentication");
        registration.addUrlPatterns("/api/v1/audit/*", "/api/v1/cases/*");
        return registration;
    }

    static final class SupervisorOnly extends OncePerRequestFilter {

        private final IdentityService identity;
        private final String engineName;

        SupervisorOnly(IdentityService identity, String engineName) {
            this.identity = identity;
            this.engineName = engineName;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return !AUDIT_PATH.matcher(path).matches();
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String[] credentials = basic(request.getHeader("Authorization"));
            // a supervisor logged into Cockpit follows the dashboard's link to a case's audit trail with the session
            String sessionUser = credentials == null ? WebappSession.userId(request, engineName).orElse(null) : null;
            if (sessionUser == null && (credentials == null || !identity.checkPassword(credentials[0], credentials[1]))) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"civicflow audit\", charset=\"UTF-8\"");
                problem(response, HttpStatus.UNAUTHORIZED, "Log in with HTTP Basic as a supervisor");
                return;
            }
            String user = sessionUser != null ? sessionUser : credentials[0];
            boolean allowed = identity.createGroupQuery().groupMember(user).list().stream()
                    .map(Group::getId)
                    .anyMatch(g -> g.endsWith("-supervisor") || ADMIN_GROUP.equals(g));
            if (!allowed) {
                problem(response, HttpStatus.FORBIDDEN,
                        "The audit trail is open to supervision offices (<division>-supervisor) and administrators");
                return;
            }
            Principal principal = () -> user;
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public String getRemoteUser() {
                    return user;
                }

                @Override
                public Principal getUserPrincipal() {
                    return principal;
                }
            }, response);
        }

        private static String[] basic(String header) {
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return null;
            }
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                    + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
        }
    }
}
