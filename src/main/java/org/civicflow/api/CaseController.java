package org.civicflow.api;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.time.OffsetDateTime;

import org.civicflow.cases.CaseEvent;
import org.civicflow.cases.CasePhase;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.CaseStatus;
import org.civicflow.intake.FieldProblem;
import org.civicflow.intake.ServiceCatalogue;
import org.civicflow.intake.Submission;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Cases for external systems: submit a citizen request, list and read cases, add information to one. */
@RestController
@RequestMapping(path = "/api/v1/cases", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Cases", description = "Citizen requests: submit, follow, add information")
@ApiResponse(responseCode = "401", description = "not authenticated as an API client",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class CaseController {

    static final int MAX_PAGE_SIZE = 200;

    private final IdempotentIntake intake;
    private final CaseService cases;
    private final CaseQueries queries;
    private final CaseViews views;
    private final CaseUpdates updates;
    private final ServiceCatalogue catalogue;

    CaseController(IdempotentIntake intake, CaseService cases, CaseQueries queries, CaseViews views, CaseUpdates updates,
                   ServiceCatalogue catalogue) {
        this.intake = intake;
        this.cases = cases;
        this.queries = queries;
        this.views = views;
        this.updates = updates;
        this.catalogue = catalogue;
    }

    @PostMapping // no 'consumes': a wrong Content-Type is then reported by ApiProblems, with the field
    @Operation(summary = "Submit a citizen request",
            description = "Validates every field, then stores the case and starts its process in one transaction. "
                    + "With an Idempotency-Key a retry is safe: the same key and body give the original case (200), "
                    + "the same key with another body 409.")
    @ApiResponse(responseCode = "201", description = "the case was created; Location names it")
    @ApiResponse(responseCode = "200", description = "a retry with the same Idempotency-Key and body: the original case")
    @ApiResponse(responseCode = "400", description = "invalid fields, listed in errors; nothing was stored",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "the Idempotency-Key was used for another body",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "the body is over 1 MB",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "the body is not application/json",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "the intake is busy (or the database cannot be reached); nothing "
            + "was stored. Retry after the seconds in Retry-After, with the same Idempotency-Key",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<CaseView> submit(@RequestBody Submission submission,
                                    @Parameter(description = "makes retries safe for 24 hours (then the key is free again); at most 255 characters")
                                    @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                    Principal principal) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw new InvalidQueryException(List.of(new FieldProblem("Idempotency-Key", "must be 1 to 255 characters")));
        }
        IdempotentIntake.Outcome outcome = intake.submit(submission, principal.getName(), idempotencyKey);
        CaseView view = views.of(outcome.record());
        URI location = URI.create("/api/v1/cases/" + view.businessKey());
        return outcome.created()
                ? ResponseEntity.created(location).body(view)
                : ResponseEntity.ok().location(location).body(view);
    }

    @GetMapping("/{businessKey}")
    @Operation(summary = "Read a case: status, office, SLA class, deadlines and timeline")
    @ApiResponse(responseCode = "200", description = "the case")
    @ApiResponse(responseCode = "404", description = "no such case",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    CaseView get(@PathVariable @Parameter(example = "CQ-2026-000001") String businessKey) {
        return cases.find(businessKey).map(views::of).orElseThrow(() -> new CaseNotFoundException(businessKey));
    }

    /** A page of cases, newest first. */
    @Schema(name = "CasePage")
    record Page(List<CaseView.Summary> items, int page, int size, long totalItems, long totalPages) {
    }

    @GetMapping
    @Operation(summary = "List cases, newest first, with filters and paging")
    @ApiResponse(responseCode = "200", description = "one page of cases")
    @ApiResponse(responseCode = "400", description = "an unusable filter, listed in errors",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    Page list(@Parameter(description = "statuses or phases, comma-separated: e.g. IN_PROGRESS or OPEN,RESOLVED")
              @RequestParam(required = false) String status,
              @Parameter(description = "office group holding the case, e.g. 500103003-handler")
              @RequestParam(required = false) String office,
              @Parameter(description = "category code, e.g. noise") @RequestParam(required = false) String category,
              @Parameter(description = "created at or after: date (Beijing time) or date-time with offset")
              @RequestParam(required = false) String from,
              @Parameter(description = "created before (a date includes that whole day)")
              @RequestParam(required = false) String to,
              @Parameter(description = "0-based page") @RequestParam(required = false, defaultValue = "0") String page,
              @Parameter(description = "page size, 1 to " + MAX_PAGE_SIZE) @RequestParam(required = false, defaultValue = "20") String size) {
        List<FieldProblem> problems = new ArrayList<>();
        List<CaseStatus> statuses = new ArrayList<>();
        List<String> phases = new ArrayList<>();
        if (QueryParams.blankToNull(status) != null) {
            for (String s : status.split(",")) {
                String name = s.strip().toUpperCase(Locale.ROOT).replace('-', '_');
                if (isEnum(CaseStatus.class, name)) {
                    statuses.add(CaseStatus.valueOf(name));
                } else if (isEnum(CasePhase.class, name)) {
                    phases.add(name);
                } else {
                    problems.add(new FieldProblem("status", "'" + s + "' is neither a status " + List.of(CaseStatus.values())
                            + " nor a phase " + List.of(CasePhase.values())));
                }
            }
        }
        String cat = QueryParams.blankToNull(category);
        if (cat != null && !catalogue.contains(cat)) {
            problems.add(new FieldProblem("category", "'" + cat + "' is not a known category"));
        }
        OffsetDateTime fromTime = QueryParams.dateTime("from", from, false, problems);
        OffsetDateTime toTime = QueryParams.dateTime("to", to, true, problems);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            problems.add(new FieldProblem("to", "must be after from"));
        }
        int pageNumber = integer("page", page, 0, 1_000_000, problems);
        int pageSize = integer("size", size, 1, MAX_PAGE_SIZE, problems);
        if (!problems.isEmpty()) {
            throw new InvalidQueryException(problems);
        }
        CaseQueries.Filter filter = new CaseQueries.Filter(statuses, phases.isEmpty() && !statuses.isEmpty() ? List.of() : phases,
                QueryParams.blankToNull(office), cat, fromTime, toTime, List.of());
        if (!statuses.isEmpty() && !phases.isEmpty()) {
            // "IN_PROGRESS,OPEN": a status or a phase; widen the statuses to those of the phases
            for (String phase : phases) {
                for (CaseStatus s : CaseStatus.values()) {
                    if (s.phase().name().equals(phase) && !statuses.contains(s)) {
                        statuses.add(s);
                    }
                }
            }
            filter = new CaseQueries.Filter(statuses, List.of(), filter.office(), cat, fromTime, toTime, List.of());
        }
        long total = queries.count(filter);
        List<CaseView.Summary> items = queries.list(filter, (long) pageNumber * pageSize, pageSize).stream()
                .map(views::summary).toList();
        return new Page(items, pageNumber, pageSize, total, (total + pageSize - 1) / pageSize);
    }

    @PostMapping("/{businessKey}/updates")
    @Operation(summary = "Add information from the citizen or an agency to a running case",
            description = "Recorded on the timeline and passed to the case's process (variable caseUpdates; a process "
                    + "waiting on the message Message_CaseUpdate receives it).")
    @ApiResponse(responseCode = "201", description = "recorded; the timeline event")
    @ApiResponse(responseCode = "404", description = "no such case",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "the case is closed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<CaseView.Event> addUpdate(@PathVariable String businessKey, @RequestBody CaseUpdates.Update update,
                                             Principal principal) {
        CaseEvent event = updates.add(businessKey, update, principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/cases/" + businessKey)).body(CaseView.Event.of(event));
    }

    private static <E extends Enum<E>> boolean isEnum(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static int integer(String name, String value, int min, int max, List<FieldProblem> problems) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new FieldProblem(name, "must be a whole number from " + min + " to " + max));
        return min;
    }
}
