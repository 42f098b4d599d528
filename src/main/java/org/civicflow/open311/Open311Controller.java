package org.civicflow.open311;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.civicflow.api.CaseDeadlines;
import org.civicflow.api.CaseQueries;
import org.civicflow.cases.CasePhase;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.config.DatabaseUnavailable;
import org.civicflow.identity.OfficeDirectory;
import org.civicflow.intake.IntakeAdmission;
import org.civicflow.intake.IntakeBusyException;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.InvalidSubmissionException;
import org.civicflow.intake.ServiceAttribute;
import org.civicflow.intake.ServiceCatalogue;
import org.civicflow.intake.ServiceCategory;
import org.civicflow.intake.Submission;
import org.civicflow.security.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MultiValueMap;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the case record: the service catalogue, service
 * requests (= cases; {@code service_request_id} is the business key) and tokens, in {@code .json} and {@code .xml}.
 * Reading is public as the spec intends (no reporter details are shown); creating needs an {@code api_key}.
 */
@RestController
@RequestMapping("/open311/v2")
@Tag(name = "Open311 GeoReport v2", description = "Standard 311 interface; formats .json and .xml")
@SecurityRequirements
class Open311Controller {

    static final String JURISDICTION = "cq.gov.cn";
    static final Duration MAX_WINDOW = Duration.ofDays(90);
    static final int MAX_RESULTS = 1000;
    private static final Logger log = LoggerFactory.getLogger(Open311Controller.class);

    private final ServiceCatalogue catalogue;
    private final IntakeService intake;
    private final IntakeAdmission admission;
    private final CaseService cases;
    private final CaseQueries queries;
    private final CaseDeadlines deadlines;
    private final OfficeDirectory offices;
    private final ApiKeys keys;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    Open311Controller(ServiceCatalogue catalogue, IntakeService intake, IntakeAdmission admission, CaseService cases,
                      CaseQueries queries, CaseDeadlines deadlines, OfficeDirectory offices, ApiKeys keys,
                      TransactionTemplate transaction, DataSource dataSource, ObjectMapper json, Clock clock) {
        this.catalogue = catalogue;
        this.intake = intake;
        this.admission = admission;
        this.cases = cases;
        this.queries = queries;
        this.deadlines = deadlines;
        this.offices = offices;
        this.keys = keys;
        this.transaction = transaction;
        this.jdbc = JdbcClient.create(dataSource);
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/discovery.{format}")
    @Operation(summary = "Service discovery: where this endpoint is and which formats it speaks")
    ResponseEntity<String> discovery(@PathVariable String format) {
        check(format, null);
        String url = ServletUriComponentsBuilder.fromCurrentContextPath().path("/open311/v2/").toUriString();
        Map<String, Object> endpoint = fields("specification", "http://wiki.open311.org/GeoReport_v2", "url", url,
                "changeset", "2026-01-01T00:00:00+08:00", "type", "production",
                "formats", List.of("text/xml", "application/json"));
        Map<String, Object> discovery = fields("changeset", "2026-01-01T00:00:00+08:00",
                "contact", "重庆市12345政务服务便民热线 Chongqing 12345 hotline", "key_service",
                "API keys are issued by the 12345 dispatch centre", "endpoints", List.of(endpoint));
        return Open311Format.render(HttpStatus.OK, format, "discovery", discovery, json);
    }

    @GetMapping("/services.{format}")
    @Operation(summary = "The service catalogue (request categories), with their groups")
    ResponseEntity<String> services(@PathVariable String format,
                                    @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        check(format, jurisdiction);
        List<Map<String, Object>> services = catalogue.all().stream().map(this::service).toList();
        return Open311Format.render(HttpStatus.OK, format, "services", services, json);
    }

    @GetMapping("/services/{serviceCode}.{format}")
    @Operation(summary = "A service definition: the attributes a category asks for")
    ResponseEntity<String> serviceDefinition(@PathVariable String serviceCode, @PathVariable String format,
                                             @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        check(format, jurisdiction);
        ServiceCategory category = catalogue.find(serviceCode)
                .orElseThrow(() -> new Open311Exception(HttpStatus.NOT_FOUND, "service_code '" + serviceCode + "' not found"));
        List<Map<String, Object>> attributes = catalogue.attributesOf(category.code()).stream().map(a -> fields(
                "variable", true, "code", a.code(), "datatype", a.datatype(), "required", a.required(),
                "datatype_description", null, "order", a.order(), "description", a.description(),
                "values", a.values().stream().map(v -> fields("key", v.key(), "name", v.name())).toList())).toList();
        return Open311Format.render(HttpStatus.OK, format, "service_definition",
                fields("service_code", category.code(), "attributes", attributes), json);
    }

    @PostMapping("/requests.{format}")
    @Operation(summary = "Create a service request (form-encoded; api_key required)",
            description = "Parameters as in GeoReport v2: api_key, service_code, lat+long or address_string (or "
                    + "address_id), description (≤ 4,000), email, first_name, last_name, phone, device_id, account_id, "
                    + "media_url, attribute[code]. Answers with service_request_id (the case's business key) and a token.")
    ResponseEntity<String> create(@PathVariable String format, HttpServletRequest request,
                                  @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        check(format, params.getFirst("jurisdiction_id"));
        MediaType type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        if (type == null || !(MediaType.APPLICATION_FORM_URLENCODED.includes(type) || MediaType.MULTIPART_FORM_DATA.includes(type))) {
            throw new Open311Exception(HttpStatus.BAD_REQUEST,
                    "POST requests takes application/x-www-form-urlencoded parameters, not " + type);
        }
        String client = keys.clientOf(params.getFirst("api_key"), ApiKeys.OPEN311)
                .orElseThrow(() -> new Open311Exception(HttpStatus.FORBIDDEN, "api_key is missing or not valid"));
        Submission submission = submission(params);
        String token = UUID.randomUUID().toString();
        CaseRecord record = admission.admit(() -> transaction.execute(status -> {
            CaseRecord created = intake.submit(submission, "open311:" + client);
            jdbc.sql("INSERT INTO cf_open311_token (token, business_key, created_at) VALUES (:t, :k, :at)")
                    .param("t", token).param("k", created.businessKey()).param("at", OffsetDateTime.now(clock)).update();
            return created;
        }));
        Map<String, Object> created = fields("service_request_id", record.businessKey(), "token", token,
                "service_notice", notice(record), "account_id", params.getFirst("account_id"));
        return Open311Format.render(HttpStatus.OK, format, "service_requests", List.of(created), json);
    }

    @GetMapping("/requests.{format}")
    @Operation(summary = "Service requests, newest first: by id, or by service, status and date (90-day window)")
    ResponseEntity<String> requests(@PathVariable String format,
                                    @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction,
                                    @RequestParam(name = "service_request_id", required = false) String ids,
                                    @RequestParam(name = "service_code", required = false) String serviceCodes,
                                    @RequestParam(name = "start_date", required = false) String startDate,
                                    @RequestParam(name = "end_date", required = false) String endDate,
                                    @RequestParam(name = "status", required = false) String status) {
        check(format, jurisdiction);
        CaseQueries.Filter filter;
        if (ids != null && !ids.isBlank()) {
            // the spec: with service_request_id, all other parameters are ignored
            filter = new CaseQueries.Filter(null, null, null, null, null, null, split(ids));
        } else {
            List<String> problems = new ArrayList<>();
            List<String> codes = split(serviceCodes);
            codes.stream().filter(c -> !catalogue.contains(c))
                    .forEach(c -> problems.add("service_code '" + c + "' is not a known service"));
            if (codes.size() > 1) {
                problems.add("service_code: give one service per query");
            }
            List<String> phases = new ArrayList<>();
            for (String s : split(status)) {
                switch (s) {
                    case "open" -> phases.addAll(List.of(CasePhase.OPEN.name(), CasePhase.IN_PROGRESS.name()));
                    case "closed" -> phases.addAll(List.of(CasePhase.RESOLVED.name(), CasePhase.CLOSED.name()));
                    default -> problems.add("status '" + s + "' is neither open nor closed");
                }
            }
            OffsetDateTime end = date("end_date", endDate, problems);
            OffsetDateTime start = date("start_date", startDate, problems);
            if (problems.isEmpty()) {
                if (end == null) {
                    end = start == null ? now().plusSeconds(1) : start.plus(MAX_WINDOW);
                }
                if (start == null) {
                    start = end.minus(MAX_WINDOW);
                }
                if (!start.isBefore(end)) {
                    problems.add("end_date must be after start_date");
                } else if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
                    problems.add("start_date to end_date spans more than 90 days");
                }
            }
            if (!problems.isEmpty()) {
                throw new Open311Exception(HttpStatus.BAD_REQUEST, problems);
            }
            filter = new CaseQueries.Filter(null, phases, null, codes.isEmpty() ? null : codes.get(0), start, end, null);
        }
        List<Map<String, Object>> found = queries.list(filter, 0, MAX_RESULTS).stream().map(this::request).toList();
        return Open311Format.render(HttpStatus.OK, format, "service_requests", found, json);
    }

    @GetMapping("/requests/{id}.{format}")
    @Operation(summary = "One service request by its id (the case's business key)")
    ResponseEntity<String> request(@PathVariable String id, @PathVariable String format,
                                   @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        check(format, jurisdiction);
        CaseRecord c = cases.find(id)
                .orElseThrow(() -> new Open311Exception(HttpStatus.NOT_FOUND, "service_request_id '" + id + "' not found"));
        return Open311Format.render(HttpStatus.OK, format, "service_requests", List.of(request(c)), json);
    }

    @GetMapping("/tokens/{token}.{format}")
    @Operation(summary = "The service request id issued for a token")
    ResponseEntity<String> token(@PathVariable String token, @PathVariable String format,
                                 @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        check(format, jurisdiction);
        String key = jdbc.sql("SELECT business_key FROM cf_open311_token WHERE token = :t").param("t", token)
                .query(String.class).optional()
                .orElseThrow(() -> new Open311Exception(HttpStatus.NOT_FOUND, "token '" + token + "' not found"));
        return Open311Format.render(HttpStatus.OK, format, "service_requests",
                List.of(fields("service_request_id", key, "token", token)), json);
    }

    @ExceptionHandler(Open311Exception.class)
    ResponseEntity<String> error(Open311Exception e, HttpServletRequest request) {
        return errors(e.status(), e.descriptions(), request);
    }

    @ExceptionHandler(InvalidSubmissionException.class)
    ResponseEntity<String> invalid(InvalidSubmissionException e, HttpServletRequest request) {
        return errors(HttpStatus.BAD_REQUEST, e.problems().stream().map(p -> open311Name(p.field()) + ": " + p.message()).toList(),
                request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<String> unsupported(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return errors(HttpStatus.BAD_REQUEST, List.of("POST requests takes application/x-www-form-urlencoded parameters"), request);
    }

    @ExceptionHandler(IntakeBusyException.class)
    ResponseEntity<String> busy(IntakeBusyException e, HttpServletRequest request) {
        return unavailable(e.getMessage(), e.retryAfterSeconds(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseUnavailable.isCauseOf(e)) {
            log.warn("The database is not available to Open311: {}", e.toString());
            return unavailable(DatabaseUnavailable.DETAIL, DatabaseUnavailable.RETRY_AFTER_SECONDS, request);
        }
        log.error("Unexpected error in Open311", e);
        return errors(HttpStatus.INTERNAL_SERVER_ERROR, List.of("internal error; nothing was stored, please retry later"), request);
    }

    /** A 503 in Open311's error format, with when to retry: nothing was stored. */
    private ResponseEntity<String> unavailable(String description, int retryAfterSeconds, HttpServletRequest request) {
        ResponseEntity<String> unavailable = errors(HttpStatus.SERVICE_UNAVAILABLE, List.of(description), request);
        return ResponseEntity.status(unavailable.getStatusCode()).headers(unavailable.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds))
                .body(unavailable.getBody());
    }

    private ResponseEntity<String> errors(HttpStatus status, List<String> descriptions, HttpServletRequest request) {
        String format = request.getRequestURI().endsWith(".xml") ? "xml" : "json";
        List<Map<String, Object>> errors = descriptions.stream()
                .map(d -> fields("code", status.value(), "description", d)).toList();
        return Open311Format.render(status, format, "errors", errors, json);
    }

    private void check(String format, String jurisdiction) {
        if (!Open311Format.isKnown(format)) {
            throw new Open311Exception(HttpStatus.NOT_FOUND, "format '" + format + "' not supported; use .xml or .json");
        }
        if (jurisdiction != null && !jurisdiction.isBlank() && !JURISDICTION.equals(jurisdiction.strip())) {
            throw new Open311Exception(HttpStatus.NOT_FOUND, "jurisdiction_id '" + jurisdiction + "' not served here; use " + JURISDICTION);
        }
    }

    private Map<String, Object> service(ServiceCategory c) {
        return fields("service_code", c.code(), "service_name", c.nameZh() + " " + c.nameEn(), "description", c.description(),
                "metadata", !catalogue.attributesOf(c.code()).isEmpty(), "type", "realtime",
                "keywords", String.join(", ", c.nameZh(), c.nameEn(), c.groupZh(), c.groupEn()),
                "group", c.groupZh() + " " + c.groupEn());
    }

    private Map<String, Object> request(CaseRecord c) {
        boolean closed = c.phase() == CasePhase.RESOLVED || c.phase() == CasePhase.CLOSED;
        OffsetDateTime expected = c.slaClass() == null ? null
                : deadlines.handling(c, cases.timeline(c.businessKey())).due();
        return fields("service_request_id", c.businessKey(), "status", closed ? "closed" : "open",
                "status_notes", c.status().label() + (c.outcome() == null ? "" : "; outcome: " + c.outcome()),
                "service_name", catalogue.find(c.category()).map(ServiceCategory::label).orElse(c.category()),
                "service_code", c.category(), "description", c.description(),
                "agency_responsible", c.officeGroup() == null ? null : offices.nameOf(c.officeGroup()),
                "service_notice", notice(c), "requested_datetime", time(c.createdAt()),
                "updated_datetime", time(c.updatedAt()), "expected_datetime", time(expected),
                "address", c.address(), "address_id", null, "zipcode", null,
                "lat", c.latitude(), "long", c.longitude(), "media_url", null);
    }

    private static String notice(CaseRecord c) {
        return c.slaClass() == null ? null : "SLA class " + c.slaClass();
    }

    private Submission submission(MultiValueMap<String, String> p) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        p.forEach((name, values) -> {
            if (name.startsWith("attribute[") && name.endsWith("]") && !values.isEmpty()) {
                attributes.put(name.substring("attribute[".length(), name.length() - 1), values.get(0));
            }
        });
        Submission.Location location = null;
        List<String> problems = new ArrayList<>();
        String lat = p.getFirst("lat");
        String lon = p.getFirst("long");
        if (notBlank(lat) || notBlank(lon)) {
            location = new Submission.Location(number("lat", lat, problems), number("long", lon, problems));
        }
        if (!problems.isEmpty()) {
            throw new Open311Exception(HttpStatus.BAD_REQUEST, problems);
        }
        String address = notBlank(p.getFirst("address_string")) ? p.getFirst("address_string") : p.getFirst("address_id");
        String name = String.join(" ", nonBlank(p.getFirst("first_name"), p.getFirst("last_name"))).strip();
        String serviceCode = p.getFirst("service_code");
        String description = p.getFirst("description");
        if (!notBlank(description) && catalogue.contains(serviceCode)) {
            // optional in Open311, required in our intake: the service's name says at least what it is about
            description = catalogue.find(serviceCode).orElseThrow().label();
        }
        return new Submission(serviceCode, description, location, null, address,
                new Submission.Reporter(name.isEmpty() ? null : name, p.getFirst("phone"), p.getFirst("email")),
                "app", p.getFirst("account_id") != null ? p.getFirst("account_id") : p.getFirst("device_id"), attributes);
    }

    private static String open311Name(String field) {
        return switch (field) {
            case "category" -> "service_code";
            case "location", "location.lat" -> field.equals("location") ? "lat/long or address_string" : "lat";
            case "location.lon" -> "long";
            case "reporter.email" -> "email";
            case "reporter.phone" -> "phone";
            case "reporter.name" -> "first_name/last_name";
            case "externalId" -> "account_id";
            default -> field.startsWith("attributes.") ? "attribute[" + field.substring("attributes.".length()) + "]" : field;
        };
    }

    private OffsetDateTime date(String name, String value, List<String> problems) {
        if (!notBlank(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(name + " '" + value + "' is not a W3C/ISO 8601 date-time with offset, e.g. 2026-03-01T00:00:00+08:00");
            return null;
        }
    }

    private static Double number(String name, String value, List<String> problems) {
        try {
            return Double.valueOf(value.strip());
        } catch (RuntimeException e) {
            problems.add(name + " '" + value + "' is not a number");
            return null;
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).atZoneSameInstant(CaseService.ZONE).toOffsetDateTime();
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(CaseService.ZONE).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of()
                : Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static List<String> nonBlank(String... parts) {
        return Arrays.stream(parts).filter(Open311Controller::notBlank).map(String::strip).toList();
    }

    /** A map of the non-null pairs, in order. */
    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
