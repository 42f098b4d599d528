package org.civicflow.intake;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.CaseSubmitted;
import org.civicflow.cases.NewCase;
import org.civicflow.citizenrequest.CitizenRequestProcess;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Takes a citizen request from any channel: validates it field by field, stores the case and starts its process,
 * in one transaction (both or neither).
 */
@Service
public class IntakeService {

    public static final int MAX_DESCRIPTION = 4000;
    /** Chongqing's extent (WGS84), a little generous: a point outside cannot be one of our cases. */
    public static final double MIN_LAT = 28.16, MAX_LAT = 32.21, MIN_LON = 105.28, MAX_LON = 110.20;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()-]{3,20}$");
    private static final Pattern DIVISION = Pattern.compile("^(\\d{6}|\\d{9})$");

    private final ServiceCatalogue catalogue;
    private final CaseService cases;
    private final RuntimeService runtime;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;
    private final IntakeAdmission admission;

    IntakeService(ServiceCatalogue catalogue, CaseService cases, RuntimeService runtime, ObjectMapper json,
                  ApplicationEventPublisher events, IntakeAdmission admission) {
        this.catalogue = catalogue;
        this.cases = cases;
        this.runtime = runtime;
        this.json = json;
        this.events = events;
        this.admission = admission;
    }

    /**
     * Validates and submits a request.
     *
     * @throws InvalidSubmissionException listing every problem; nothing is stored
     */
    @Transactional
    public CaseRecord submit(Submission s, String actor) {
        admission.endTurnWithTransaction(); // the wait for the file after the commit takes no turn
        List<FieldProblem> problems = validate(s);
        if (!problems.isEmpty()) {
            throw new InvalidSubmissionException(problems);
        }
        ServiceCategory category = catalogue.find(s.category()).orElseThrow();
        Submission.Reporter reporter = s.reporter() == null ? new Submission.Reporter(null, null, null) : s.reporter();
        String key = cases.newBusinessKey();
        CaseRecord record = cases.create(new NewCase(key, category.code(), s.description().strip(),
                s.location() == null ? null : s.location().lat(), s.location() == null ? null : s.location().lon(),
                blankToNull(s.address()), blankToNull(s.divisionCode()),
                new CaseRecord.Reporter(blankToNull(reporter.name()), blankToNull(reporter.phone()), blankToNull(reporter.email())),
                Channel.fromCode(s.channel()).orElseThrow().code(), blankToNull(s.externalId())), actor);

        // What was submitted is the case record's: the process keeps what its steps and Tasklist's lists use (the
        // routing step writes the forms' summary from the record). A variable is a row with a dozen index entries, and
        // what was not given is no variable at all.
        VariableMap variables = Variables.createVariables()
                .putValue(Vars.CASE_NUMBER, key)
                .putValue(Vars.CATEGORY, category.code())
                .putValue(Vars.CATEGORY_LABEL, category.label());
        putGiven(variables, Vars.ADDRESS, record.address());
        if (!s.attributes().isEmpty()) { // a JSON variable is also a stored document, twice with its history
            variables.putValue(Vars.ATTRIBUTES, SpinValues.jsonValue(toJson(s)).create());
        }
        // the routing step attaches the instance to the case inside the start (ClassifyAndRouteDelegate)
        runtime.startProcessInstanceByKey(CitizenRequestProcess.PROCESS_KEY, key, variables);
        // Escalation at intake (warnings in force, hotspots) joins this transaction: no case without its check.
        events.publishEvent(new CaseSubmitted(key, s.attributes()));
        return cases.find(key).orElseThrow();
    }

    List<FieldProblem> validate(Submission s) {
        List<FieldProblem> problems = new ArrayList<>();
        if (s.category() == null || s.category().isBlank()) {
            problems.add(new FieldProblem("category", "is required; one of " + codes()));
        } else if (!catalogue.contains(s.category())) {
            problems.add(new FieldProblem("category", "'" + s.category() + "' is not a known category; one of " + codes()));
        }
        if (s.description() == null || s.description().isBlank()) {
            problems.add(new FieldProblem("description", "is required"));
        } else if (s.description().length() > MAX_DESCRIPTION) {
            problems.add(new FieldProblem("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        boolean hasLocation = s.location() != null && (s.location().lat() != null || s.location().lon() != null);
        if (hasLocation) {
            Double lat = s.location().lat();
            Double lon = s.location().lon();
            if (lat == null || lat.isNaN() || lat < MIN_LAT || lat > MAX_LAT) {
                problems.add(new FieldProblem("location.lat", "must be a WGS84 latitude within Chongqing ("
                        + MIN_LAT + " to " + MAX_LAT + ")"));
            }
            if (lon == null || lon.isNaN() || lon < MIN_LON || lon > MAX_LON) {
                problems.add(new FieldProblem("location.lon", "must be a WGS84 longitude within Chongqing ("
                        + MIN_LON + " to " + MAX_LON + ")"));
            }
        }
        if (s.divisionCode() != null && !s.divisionCode().isBlank() && !DIVISION.matcher(s.divisionCode()).matches()) {
            problems.add(new FieldProblem("divisionCode", "must be a 6-digit district or 9-digit subdistrict code"));
        }
        if (!hasLocation && isBlank(s.divisionCode()) && isBlank(s.address())) {
            problems.add(new FieldProblem("location", "give at least one of location, divisionCode or address"));
        }
        if (s.address() != null && s.address().length() > 500) {
            problems.add(new FieldProblem("address", "must be at most 500 characters"));
        }
        if (isBlank(s.channel())) {
            problems.add(new FieldProblem("channel", "is required; one of hotline, web, app, agency"));
        } else if (Channel.fromCode(s.channel()).isEmpty()) {
            problems.add(new FieldProblem("channel", "'" + s.channel() + "' is not one of hotline, web, app, agency"));
        }
        if (s.reporter() != null) {
            if (!isBlank(s.reporter().email()) && !EMAIL.matcher(s.reporter().email()).matches()) {
                problems.add(new FieldProblem("reporter.email", "is not an e-mail address"));
            }
            if (!isBlank(s.reporter().phone()) && !PHONE.matcher(s.reporter().phone()).matches()) {
                problems.add(new FieldProblem("reporter.phone", "is not a phone number"));
            }
            if (s.reporter().name() != null && s.reporter().name().length() > 100) {
                problems.add(new FieldProblem("reporter.name", "must be at most 100 characters"));
            }
        }
        if (s.externalId() != null && s.externalId().length() > 128) {
            problems.add(new FieldProblem("externalId", "must be at most 128 characters"));
        }
        if (catalogue.contains(s.category())) {
            validateAttributes(s, problems);
        }
        return problems;
    }

    private void validateAttributes(Submission s, List<FieldProblem> problems) {
        List<ServiceAttribute> wanted = catalogue.attributesOf(s.category());
        s.attributes().forEach((code, value) -> {
            ServiceAttribute attribute = wanted.stream().filter(a -> a.code().equals(code)).findFirst().orElse(null);
            if (attribute == null) {
                problems.add(new FieldProblem("attributes." + code, "is not an attribute of category '" + s.category()
                        + "'; known: " + wanted.stream().map(ServiceAttribute::code).toList()));
            } else if (value != null && !(value instanceof String || value instanceof Boolean || value instanceof Number)) {
                problems.add(new FieldProblem("attributes." + code, "must be a single value"));
            } else if (!attribute.accepts(value)) {
                problems.add(new FieldProblem("attributes." + code, "must be one of "
                        + attribute.values().stream().map(ServiceAttribute.Value::key).toList()));
            }
        });
        for (ServiceAttribute attribute : wanted) {
            if (attribute.required() && s.attributes().get(attribute.code()) == null) {
                problems.add(new FieldProblem("attributes." + attribute.code(), "is required for category '" + s.category() + "'"));
            }
        }
    }

    private static void putGiven(VariableMap variables, String name, Object value) {
        if (value != null) {
            variables.putValue(name, value);
        }
    }

    private String toJson(Submission s) {
        try {
            return json.writeValueAsString(s.attributes());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attributes cannot be written as JSON", e);
        }
    }

    private List<String> codes() {
        return catalogue.all().stream().map(ServiceCategory::code).toList();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return isBlank(s) ? null : s.strip();
    }
}
