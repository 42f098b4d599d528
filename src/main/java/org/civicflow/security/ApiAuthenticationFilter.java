package org.civicflow.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.IdentityService;
import org.civicflow.config.DatabaseUnavailable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates callers of {@code /api/v1}: HTTP Basic against Camunda's identity service for members of the group
 * {@value #CLIENT_GROUP}, or an API key in the header {@value #API_KEY_HEADER} (stored hashed, see {@link ApiKeys}).
 * The caller's id becomes the request's principal, so it is recorded as the actor of what the call does.
 *
 * <p>A servlet filter rather than Spring Security, which would bring its own session, CSRF and login handling into
 * the Camunda webapps. A successful check is remembered for {@link #REMEMBER} (keyed by a hash of the credentials),
 * so a busy client does not pay a password hash and two queries on every call.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

    public static final String CLIENT_GROUP = "api-clients";
    public static final String API_KEY_HEADER = "X-API-Key";
    static final Duration REMEMBER = Duration.ofSeconds(60);

    private final IdentityService identity;
    private final ApiKeys keys;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    ApiAuthenticationFilter(IdentityService identity, ApiKeys keys, Clock clock) {
        this.identity = identity;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * The supervisors' dashboard in Cockpit, authorised by the Cockpit session and the office-scoped rules
     * ({@code org.civicflow.dashboard}).
     */
    public static final java.util.regex.Pattern DASHBOARD_PATH = java.util.regex.Pattern.compile("^/api/v1/dashboard(/.*)?$");

    /**
     * The audit endpoints are for supervisors, not API clients: {@link AuditApiSecurity} guards them; the dashboard
     * guards itself ({@link #DASHBOARD_PATH}).
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return AuditApiSecurity.AUDIT_PATH.matcher(path).matches() || DASHBOARD_PATH.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String apiKey = request.getHeader(API_KEY_HEADER);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<String> client = Optional.empty();
        try {
            if (apiKey != null) {
                client = check("key:" + apiKey, () -> keys.clientOf(apiKey, ApiKeys.API));
            } else if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                client = check("basic:" + authorization, () -> basic(authorization.substring(6).strip()));
            }
        } catch (RuntimeException e) {
            // credentials are checked against the database: without it, the request cannot be served (the controllers'
            // own failures of this kind are answered the same way, api/ApiProblems)
            if (!DatabaseUnavailable.isCauseOf(e)) {
                throw e;
            }
            unavailable(response);
            return;
        }
        if (client.isEmpty()) {
            refuse(response, apiKey != null || authorization != null);
            return;
        }
        chain.doFilter(new Authenticated(request, client.get()), response);
    }

    private Optional<String> check(String credentials, java.util.function.Supplier<Optional<String>> verify) {
        String cacheKey = ApiKeys.sha256(credentials);
        Instant now = clock.instant();
        Remembered hit = remembered.get(cacheKey);
        if (hit != null && hit.until().isAfter(now)) {
            return Optional.of(hit.clientId());
        }
        Optional<String> client = verify.get();
        if (client.isPresent()) {
            if (remembered.size() > 10_000) {
                remembered.clear();
            }
            remembered.put(cacheKey, new Remembered(client.get(), now.plus(REMEMBER)));
        } else {
            remembered.remove(cacheKey);
        }
        return client;
    }

    private Optional<String> basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        if (!identity.checkPassword(user, password)) {
            return Optional.empty();
        }
        boolean member = identity.createUserQuery().userId(user).memberOfGroup(CLIENT_GROUP).count() > 0;
        return member ? Optional.of(user) : Optional.empty();
    }

    private static void refuse(HttpServletResponse response, boolean triedCredentials) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"civicflow API\", charset=\"UTF-8\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        String detail = triedCredentials
                ? "The credentials are not those of an API client (a user of group " + CLIENT_GROUP + " or a valid API key)"
                : "Authenticate with HTTP Basic (a user of group " + CLIENT_GROUP + ") or the header " + API_KEY_HEADER;
        response.getWriter().write("{\"type\":\"https://civicflow.org/problems/unauthenticated\",\"title\":\"Unauthorized\","
                + "\"status\":401,\"detail\":\"" + detail + "\",\"errors\":[{\"field\":\"Authorization\",\"message\":\""
                + detail + "\"}]}");
    }

    private static void unavailable(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"https://civicflow.org/problems/database-unavailable\","
                + "\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"" + DatabaseUnavailable.DETAIL
                + "\",\"errors\":[]}");
    }

    private record Remembered(String clientId, Instant until) {
    }

    /** The request as seen by the controllers: with the API client as its principal. */
    private static final class Authenticated extends HttpServletRequestWrapper {

        private final Principal principal;

        Authenticated(HttpServletRequest request, String clientId) {
            super(request);
            this.principal = () -> clientId;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return principal.getName();
        }
    }
}
