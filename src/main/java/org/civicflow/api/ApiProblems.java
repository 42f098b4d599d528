package org.civicflow.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.civicflow.config.DatabaseUnavailable;
import org.civicflow.intake.FieldProblem;
import org.civicflow.intake.IntakeBusyException;
import org.civicflow.intake.InvalidSubmissionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * RFC 9457 problem details for the {@code /api} endpoints: always an {@code errors} list of {field, message}, never a
 * stack trace; bad input is a 4xx, only our own faults are a 500.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
@Order(0)
class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(InvalidSubmissionException.class)
    ProblemDetail invalid(InvalidSubmissionException e) {
        return fieldProblems(e.problems());
    }

    @ExceptionHandler(InvalidQueryException.class)
    ProblemDetail invalidQuery(InvalidQueryException e) {
        return fieldProblems(e.problems());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (causedBy(e, BodySizeLimitFilter.BodyTooLargeException.class)) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "Payload Too Large",
                    "The request body is larger than 1 MB", List.of(new FieldProblem("body", "at most 1 MB")));
        }
        String field = "body";
        String message = "is not valid JSON for this endpoint";
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            message = "has the wrong type or format: " + mapping.getOriginalMessage().split("\n")[0];
        } else if (e.getCause() instanceof JsonProcessingException parsing) {
            message = "is not well-formed JSON: " + parsing.getOriginalMessage().split("\n")[0];
        } else if (e.getCause() == null) {
            message = "is missing or empty";
        }
        return problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body",
                "The request body cannot be read; nothing was stored", List.of(new FieldProblem(field, message)));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail unsupported(HttpMediaTypeNotSupportedException e) {
        String supported = e.getSupportedMediaTypes().isEmpty() ? "application/json"
                : e.getSupportedMediaTypes().stream().map(MediaType::toString).collect(Collectors.joining(", "));
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported Media Type",
                "Content-Type " + e.getContentType() + " is not accepted here",
                List.of(new FieldProblem("Content-Type", "must be one of " + supported)));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ProblemDetail notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not Acceptable",
                "This endpoint answers in application/json", List.of(new FieldProblem("Accept", "accept application/json")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(MissingRequestHeaderException e) {
        return fieldProblems(List.of(new FieldProblem(e.getHeaderName(), "is required")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return fieldProblems(List.of(new FieldProblem(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return fieldProblems(List.of(new FieldProblem(e.getName(), "'" + e.getValue() + "' has the wrong format")));
    }

    @ExceptionHandler(CaseNotFoundException.class)
    ProblemDetail notFound(CaseNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "case-not-found", "Case not found", e.getMessage(),
                List.of(new FieldProblem("businessKey", "no such case")));
    }

    @ExceptionHandler(IdempotentIntake.KeyReusedException.class)
    ProblemDetail keyReused(IdempotentIntake.KeyReusedException e) {
        return problem(HttpStatus.CONFLICT, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage(),
                List.of(new FieldProblem("Idempotency-Key", "was used before for a different request body; use a new key")));
    }

    @ExceptionHandler(CaseUpdates.CaseClosedException.class)
    ProblemDetail closed(CaseUpdates.CaseClosedException e) {
        return problem(HttpStatus.CONFLICT, "case-closed", "Case closed", e.getMessage(),
                List.of(new FieldProblem("businessKey", "the case is closed; submit a new request")));
    }

    @ExceptionHandler(IntakeBusyException.class)
    ResponseEntity<ProblemDetail> busy(IntakeBusyException e) {
        return unavailable("intake-busy", e.getMessage(), e.retryAfterSeconds());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseUnavailable.isCauseOf(e)) {
            log.warn("The database is not available to the API: {}", e.toString());
            return unavailable("database-unavailable", DatabaseUnavailable.DETAIL,
                    DatabaseUnavailable.RETRY_AFTER_SECONDS);
        }
        log.error("Unexpected error in the API", e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal Server Error", "Something went wrong on our side; nothing was stored. Please retry later.",
                List.of()));
    }

    /** A 503 with when to retry: nothing was stored. */
    private static ResponseEntity<ProblemDetail> unavailable(String type, String detail, int retryAfterSeconds) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, type, "Service Unavailable", detail, List.of()));
    }

    static ProblemDetail fieldProblems(List<FieldProblem> problems) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-fields", "Invalid request",
                problems.size() + " field(s) need correcting; nothing was stored", problems);
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail, List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://civicflow.org/problems/" + type));
        problem.setTitle(title);
        problem.setProperty("errors", problems.stream()
                .map(p -> Map.of("field", p.field(), "message", p.message()))
                .toList());
        return problem;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
