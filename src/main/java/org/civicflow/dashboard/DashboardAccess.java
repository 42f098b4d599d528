package org.civicflow.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.civicflow.security.WebappSession;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who may see which districts on the dashboard, by the same office-scoped rules as the rest of civicflow: a district's
 * {@code supervisor} and {@code command} offices their own district, the city's ({@code 500000-…}) and the
 * administrators every district, anybody else nothing (403). The user is the one logged into the Camunda webapps
 * (the Cockpit session); for scripts, HTTP Basic with a Camunda user works too. Nobody logged in: 401.
 */
@Component
class DashboardAccess {

    static final String ADMIN_GROUP = "camunda-admin";
    private static final Pattern WATCHING = Pattern.compile("^(\\d{6})-(supervisor|command)$");
    private static final String CITY = "500000";

    record Viewer(String userId, boolean city, Set<String> districts) {

        boolean sees(String districtCode) {
            return city || districts.contains(districtCode);
        }
    }

    private final IdentityService identity;
    private final String engineName;

    DashboardAccess(IdentityService identity, ProcessEngine engine) {
        this.identity = identity;
        this.engineName = engine.getName();
    }

    Viewer viewer(HttpServletRequest request) {
        String user = WebappSession.userId(request, engineName).or(() -> basic(request))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                        "Log into Cockpit (or use HTTP Basic) as a supervision or command office"));
        List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        Set<String> districts = new TreeSet<>();
        boolean city = groups.contains(ADMIN_GROUP);
        for (String group : groups) {
            Matcher m = WATCHING.matcher(group);
            if (m.matches()) {
                if (CITY.equals(m.group(1))) {
                    city = true;
                } else {
                    districts.add(m.group(1));
                }
            }
        }
        if (!city && districts.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "The dashboard is for supervision and command offices (<district>-supervisor, <district>-command)");
        }
        return new Viewer(user, city, Set.copyOf(districts));
    }

    private Optional<String> basic(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            String user = decoded.substring(0, colon);
            return identity.checkPassword(user, decoded.substring(colon + 1)) ? Optional.of(user) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
