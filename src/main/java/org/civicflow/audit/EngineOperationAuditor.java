package org.civicflow.audit;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Records what users do through the engine — Tasklist, Cockpit, Admin or the engine REST API alike — from the engine's
 * own history events, composed with (not replacing) the default handler that writes Camunda's history tables:
 * <ul>
 *   <li>every user-operation-log operation (claim, complete, assign, delegate, set variable, cancel, suspend,
 *       modify, …) as one {@code USER_OPERATION} entry with all the properties it changed;</li>
 *   <li>every variable written during a command a user started ({@code VARIABLE_SET}: what the form submitted and
 *       what followed from it), with its value, or the SHA-256 of binary values.</li>
 * </ul>
 * Called inside the engine's command, so the entry joins the command's transaction.
 */
class EngineOperationAuditor implements HistoryEventHandler {

    private static final int MAX_TEXT = 4000;

    private final Supplier<AuditTrail> trail;

    EngineOperationAuditor(Supplier<AuditTrail> trail) {
        this.trail = trail;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        handleEvents(List.of(event));
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        if (!trail.get().recording()) {
            return;
        }
        Map<String, List<UserOperationLogEntryEventEntity>> operations = new LinkedHashMap<>();
        for (HistoryEvent event : events) {
            if (event instanceof UserOperationLogEntryEventEntity op) {
                String key = op.getOperationId() + "|" + op.getOperationType() + "|" + op.getEntityType();
                operations.computeIfAbsent(key, k -> new ArrayList<>()).add(op);
            } else if (event instanceof HistoricVariableUpdateEventEntity variable && byUser()) {
                variableSet(variable);
            }
        }
        operations.values().forEach(this::userOperation);
    }

    private void userOperation(List<UserOperationLogEntryEventEntity> entries) {
        UserOperationLogEntryEventEntity first = entries.get(0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("operationId", first.getOperationId());
        details.put("operationType", first.getOperationType());
        details.put("entityType", first.getEntityType());
        details.put("category", first.getCategory());
        details.put("taskId", first.getTaskId());
        details.put("processDefinitionKey", first.getProcessDefinitionKey());
        details.put("jobId", first.getJobId());
        details.put("batchId", first.getBatchId());
        details.put("externalTaskId", first.getExternalTaskId());
        details.put("deploymentId", first.getDeploymentId());
        details.put("annotation", first.getAnnotation());
        List<Map<String, Object>> changes = new ArrayList<>();
        for (UserOperationLogEntryEventEntity e : entries) {
            if (e.getProperty() != null) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("property", e.getProperty());
                change.put("orgValue", e.getOrgValue());
                change.put("newValue", e.getNewValue());
                changes.add(change);
            }
        }
        details.put("changes", changes);
        details.values().removeIf(v -> v == null);
        trail.get().record(new AuditEvent(AuditActions.USER_OPERATION, first.getUserId(), null,
                null, first.getProcessInstanceId(), details));
    }

    private void variableSet(HistoricVariableUpdateEventEntity v) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", v.getVariableName());
        details.put("type", v.getSerializerName());
        details.put("eventType", v.getEventType());
        details.put("revision", v.getRevision());
        details.put("taskId", v.getTaskId());
        details.put("executionId", v.getExecutionId());
        if (v.getByteValue() != null) {
            details.put("size", v.getByteValue().length);
            details.put("sha256", sha256(v.getByteValue()));
            if (v.getTextValue() != null) {
                details.put("text", clip(v.getTextValue())); // e.g. a file variable's name
            }
        } else if (v.getLongValue() != null) {
            details.put("value", v.getLongValue());
        } else if (v.getDoubleValue() != null) {
            details.put("value", v.getDoubleValue());
        } else {
            details.put("value", clip(v.getTextValue()));
        }
        details.values().removeIf(x -> x == null);
        trail.get().record(new AuditEvent(AuditActions.VARIABLE_SET, null, null, null, v.getProcessInstanceId(), details));
    }

    /** Only commands a user started: the engine's own work is recorded by the steps' case events and rule evaluations. */
    private static boolean byUser() {
        CommandContext command = Context.getCommandContext();
        return command != null && command.getAuthenticatedUserId() != null;
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…[" + text.length() + " chars, sha256 "
                + sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "]";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
