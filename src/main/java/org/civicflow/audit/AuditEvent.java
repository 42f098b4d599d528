package org.civicflow.audit;

import java.util.Map;

/**
 * Something to record in the audit trail. Other features either publish one as a Spring application event (the
 * trail records it synchronously, in the publisher's transaction) or pass it to {@link AuditTrail#record(AuditEvent)}.
 *
 * <p>{@code actor}, {@code office}, {@code businessKey} and {@code processInstanceId} may be left {@code null}:
 * the trail fills them from the engine call in progress (its authenticated user and groups, its process instance)
 * where there is one. {@code action} is one of {@link AuditActions} or a feature's own upper-case name;
 * {@code details} any value Jackson can write as a JSON object (a map or a record).
 */
public record AuditEvent(String action, String actor, String office, String businessKey, String processInstanceId,
                         Object details) {

    public AuditEvent {
        if (action == null || action.isBlank() || action.length() > 64) {
            throw new IllegalArgumentException("An audit action is 1 to 64 characters: " + action);
        }
        if (details == null) {
            details = Map.of();
        }
    }

    /** An event about a case; who and where are taken from the engine call in progress, else "system". */
    public static AuditEvent of(String action, String businessKey, Object details) {
        return new AuditEvent(action, null, null, businessKey, null, details);
    }

    public AuditEvent by(String actor, String office) {
        return new AuditEvent(action, actor, office, businessKey, processInstanceId, details);
    }

    public AuditEvent inProcess(String processInstanceId) {
        return new AuditEvent(action, actor, office, businessKey, processInstanceId, details);
    }
}
