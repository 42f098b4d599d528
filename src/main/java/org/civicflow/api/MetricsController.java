package org.civicflow.api;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.civicflow.cases.CaseService;
import org.civicflow.intake.FieldProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The SLA figures supervisors follow: response, resolution and satisfaction rates and deadlines, per office. */
@RestController
@RequestMapping(path = "/api/v1/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Metrics")
class MetricsController {

    private final SlaMetrics metrics;
    private final Clock clock;

    MetricsController(SlaMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @GetMapping("/sla")
    @Operation(summary = "The three rates (三率) and deadline figures per office for cases submitted in a period",
            description = "Default period: the last 30 days. Rates are fractions 0..1, null when nothing was counted.")
    @ApiResponse(responseCode = "200", description = "figures per office")
    @ApiResponse(responseCode = "400", description = "an unusable parameter",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    SlaMetrics.Report sla(@Parameter(description = "one office group, e.g. 500103003-handler") @RequestParam(required = false) String office,
                          @Parameter(description = "submitted at or after (date or date-time)") @RequestParam(required = false) String from,
                          @Parameter(description = "submitted before (a date includes that day)") @RequestParam(required = false) String to) {
        List<FieldProblem> problems = new ArrayList<>();
        OffsetDateTime toTime = QueryParams.dateTime("to", to, true, problems);
        OffsetDateTime fromTime = QueryParams.dateTime("from", from, false, problems);
        if (!problems.isEmpty()) {
            throw new InvalidQueryException(problems);
        }
        if (toTime == null) {
            toTime = OffsetDateTime.now(clock).atZoneSameInstant(CaseService.ZONE).toOffsetDateTime().plusSeconds(1);
        }
        if (fromTime == null) {
            fromTime = toTime.minusDays(30);
        }
        if (!fromTime.isBefore(toTime)) {
            throw new InvalidQueryException(List.of(new FieldProblem("to", "must be after from")));
        }
        if (fromTime.plusDays(366).isBefore(toTime)) {
            throw new InvalidQueryException(List.of(new FieldProblem("from", "the period is at most 366 days")));
        }
        return metrics.report(QueryParams.blankToNull(office), fromTime, toTime);
    }
}
