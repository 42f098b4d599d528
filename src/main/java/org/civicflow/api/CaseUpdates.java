package org.civicflow.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.civicflow.cases.CaseEvent;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.CasePhase;
import org.civicflow.intake.FieldProblem;
import org.civicflow.intake.InvalidSubmissionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * More information for a running case from the citizen or an agency. It goes on the timeline (event
 * {@link CaseEventType#INFO_ADDED}) and into the process: appended to the variable {@value #VARIABLE} (what clerks see
 * on their forms), and, where the process waits for it at a message catch event named {@value #MESSAGE}, correlated to
 * that event. All in one transaction.
 */
@Component
class CaseUpdates {

    /** Process variable holding every update so far, a JSON list of {at, source, author, message}. */
    static final String VARIABLE = "caseUpdates";
    /** Message name a process may wait on for more information (e.g. after asking the citizen). */
    static final String MESSAGE = "Message_CaseUpdate";
    static final int MAX_MESSAGE = 4000;

    @Schema(name = "CaseUpdate", description = "More information about a case")
    record Update(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = MAX_MESSAGE) String message,
                  @Schema(allowableValues = {"citizen", "agency"}, defaultValue = "citizen") String source,
                  @Schema(description = "who gives it, e.g. the citizen's name or the agency", maxLength = 100) String author) {
    }

    /** The case is closed; nothing can be added. */
    static class CaseClosedException extends RuntimeException {
        CaseClosedException(String businessKey) {
            super("Case " + businessKey + " is closed");
        }
    }

    private final CaseService cases;
    private final RuntimeService runtime;
    private final ObjectMapper json;

    CaseUpdates(CaseService cases, RuntimeService runtime, ObjectMapper json) {
        this.cases = cases;
        this.runtime = runtime;
        this.json = json;
    }

    @Transactional
    CaseEvent add(String businessKey, Update update, String client) {
        CaseRecord c = cases.find(businessKey).orElseThrow(() -> new CaseNotFoundException(businessKey));
        List<FieldProblem> problems = validate(update);
        if (!problems.isEmpty()) {
            throw new InvalidSubmissionException(problems);
        }
        if (c.phase() == CasePhase.CLOSED) {
            throw new CaseClosedException(businessKey);
        }
        String source = update.source() == null ? "citizen" : update.source();
        String author = QueryParams.blankToNull(update.author());
        String message = update.message().strip();
        CaseEvent event = cases.note(businessKey, CaseEventType.INFO_ADDED, client,
                "更多信息 More information from the " + source + (author == null ? "" : " (" + author + ")") + ": " + message,
                null);
        ProcessInstance instance = c.processInstanceId() == null ? null
                : runtime.createProcessInstanceQuery().processInstanceId(c.processInstanceId()).active().singleResult();
        if (instance != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", event.occurredAt().toString());
            entry.put("source", source);
            entry.put("author", author);
            entry.put("message", message);
            List<Object> all = new ArrayList<>(existing(instance.getId()));
            all.add(entry);
            runtime.setVariable(instance.getId(), VARIABLE, SpinValues.jsonValue(write(all)).create());
            boolean waiting = runtime.createEventSubscriptionQuery().processInstanceId(instance.getId())
                    .eventType("message").eventName(MESSAGE).count() > 0;
            if (waiting) {
                runtime.createMessageCorrelation(MESSAGE).processInstanceId(instance.getId())
                        .setVariable("lastUpdate", message).correlate();
            }
        }
        return event;
    }

    private List<FieldProblem> validate(Update u) {
        List<FieldProblem> problems = new ArrayList<>();
        if (u == null || u.message() == null || u.message().isBlank()) {
            problems.add(new FieldProblem("message", "is required"));
        } else if (u.message().length() > MAX_MESSAGE) {
            problems.add(new FieldProblem("message", "must be at most " + MAX_MESSAGE + " characters"));
        }
        if (u != null && u.source() != null && !List.of("citizen", "agency").contains(u.source())) {
            problems.add(new FieldProblem("source", "must be citizen or agency"));
        }
        if (u != null && u.author() != null && u.author().length() > 100) {
            problems.add(new FieldProblem("author", "must be at most 100 characters"));
        }
        return problems;
    }

    private List<?> existing(String processInstanceId) {
        Object value = runtime.getVariable(processInstanceId, VARIABLE);
        if (value == null) {
            return List.of();
        }
        try {
            return json.readValue(value.toString(), List.class);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
