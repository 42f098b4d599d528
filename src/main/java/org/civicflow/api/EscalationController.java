package org.civicflow.api;

import java.util.List;
import java.util.Map;

import org.civicflow.escalation.cap.CapParser;
import org.civicflow.escalation.cap.CapValidationException;
import org.civicflow.intake.FieldProblem;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Alerts (CAP 1.2) and incidents from outside, handed to the escalation feature through {@link AlertReceiver} and
 * {@link IncidentReceiver}. The XML is parsed only by {@link CapParser} (no DOCTYPE, no entities, at most 1 MB).
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Escalation", description = "Warnings and incidents that escalate cases")
class EscalationController {

    static final String CAP_XML = "application/cap+xml";
    static final List<MediaType> XML_TYPES = List.of(MediaType.parseMediaType(CAP_XML), MediaType.APPLICATION_XML,
            MediaType.TEXT_XML);

    private final ObjectProvider<AlertReceiver> alerts;
    private final ObjectProvider<IncidentReceiver> incidents;
    private final CapParser parser;

    EscalationController(ObjectProvider<AlertReceiver> alerts, ObjectProvider<IncidentReceiver> incidents, CapParser parser) {
        this.alerts = alerts;
        this.incidents = incidents;
        this.parser = parser;
    }

    /** Thrown while the feature behind an endpoint is not deployed yet. */
    static class NotAvailableException extends RuntimeException {
        NotAvailableException(String message) {
            super(message);
        }
    }

    @PostMapping("/alerts")
    @Operation(summary = "Receive a CAP 1.2 alert (e.g. a rainstorm or heat warning)",
            description = "Only status=Actual changes live cases; Exercise and Test alerts are recorded and reported.")
    @ApiResponse(responseCode = "202", description = "accepted: the alert id, affected divisions, cases re-evaluated and escalated")
    @ApiResponse(responseCode = "400", description = "not well-formed, hostile (DOCTYPE/entities) or invalid CAP 1.2; fields listed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "alert processing is not deployed yet",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<AlertReceiver.Receipt> alert(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = {@Content(mediaType = CAP_XML),
                    @Content(mediaType = MediaType.APPLICATION_XML_VALUE)})
            @RequestBody byte[] capXml,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType)
            throws HttpMediaTypeNotSupportedException {
        // checked here rather than with 'consumes', so that the refusal is ours, with the field
        MediaType type = contentType == null ? null : MediaType.parseMediaType(contentType);
        if (type == null || XML_TYPES.stream().noneMatch(t -> t.includes(type))) {
            throw new HttpMediaTypeNotSupportedException(type, XML_TYPES, HttpMethod.POST);
        }
        AlertReceiver receiver = alerts.getIfAvailable();
        if (receiver == null) {
            parser.parse(capXml); // bad XML is still the caller's 400
            throw new NotAvailableException("Alert processing is not available yet; the alert was valid but not stored");
        }
        return ResponseEntity.accepted().body(receiver.receive(capXml));
    }

    @PostMapping("/incidents")
    @Operation(summary = "Receive an incident or a reading from a monitoring system (fire report, rainfall, temperature)")
    @ApiResponse(responseCode = "202", description = "accepted: what the rules decided")
    @ApiResponse(responseCode = "400", description = "invalid fields, listed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "incident processing is not deployed yet",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<IncidentReceiver.Receipt> incident(@RequestBody Map<String, Object> report) {
        IncidentReceiver receiver = incidents.getIfAvailable();
        if (receiver == null) {
            throw new NotAvailableException("Incident processing is not available yet; nothing was stored");
        }
        return ResponseEntity.accepted().body(receiver.receive(report));
    }

    @ExceptionHandler(CapValidationException.class)
    ProblemDetail invalidAlert(CapValidationException e) {
        return ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid-alert", "Invalid CAP 1.2 alert",
                e.getErrors().size() + " problem(s) with the alert; nothing was stored",
                e.getErrors().stream().map(f -> new FieldProblem(f.field(), f.message())).toList());
    }

    @ExceptionHandler(NotAvailableException.class)
    ProblemDetail notAvailable(NotAvailableException e) {
        return ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "not-available", "Not available yet", e.getMessage(),
                List.of());
    }
}
