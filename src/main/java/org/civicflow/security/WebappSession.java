package org.civicflow.security;

import java.util.Optional;

import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The user logged into the Camunda webapps (Cockpit, Tasklist, Admin) in this browser session, if any: for
 * civicflow endpoints that the webapps' pages call with their session cookie (the supervisors' dashboard in
 * Cockpit). Never creates a session.
 */
public final class WebappSession {

    private WebappSession() {
    }

    /** The id of the user logged into the webapps for {@code engineName}, or empty. */
    public static Optional<String> userId(HttpServletRequest request, String engineName) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null) {
            return Optional.empty();
        }
        Authentication authentication = authentications.getAuthenticationForProcessEngine(engineName);
        if (authentication == null || authentication.getIdentityId() == null) {
            return Optional.empty();
        }
        return Optional.of(authentication.getIdentityId());
    }
}
