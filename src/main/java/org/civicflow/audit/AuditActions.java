package org.civicflow.audit;

/**
 * The actions the audit trail knows. Features being built elsewhere (deadlines, mail, alerts) record theirs with these
 * names so that the trail reads the same everywhere; the details each one carries are listed in docs/audit.md.
 */
public final class AuditActions {

    /** A case event ({@code CaseTransitioned}): the case event type follows, e.g. {@code CASE_ROUTED}. */
    public static final String CASE_PREFIX = "CASE_";
    /** A user operation from Camunda's user-operation log (claim, complete, assign, cancel, … via any client). */
    public static final String USER_OPERATION = "USER_OPERATION";
    /** A process variable written in a command a user started (what a form submitted and what followed from it). */
    public static final String VARIABLE_SET = "VARIABLE_SET";
    /** A Drools evaluation: area, rule-set version, fired rules. */
    public static final String RULES_EVALUATED = "RULES_EVALUATED";
    /** A deadline passed: {@code stage}, {@code deadline}, {@code office}, {@code taskId}. */
    public static final String DEADLINE_BREACHED = "DEADLINE_BREACHED";
    /** A case escalated to a higher office: {@code from}, {@code to}, {@code reason}. */
    public static final String CASE_ESCALATED = "CASE_ESCALATED";
    /** A mail handed to the mail server: {@code to}, {@code subject}, {@code messageId}, {@code sha256} of the body. */
    public static final String MAIL_SENT = "MAIL_SENT";
    /** A mail that could not be sent: {@code to}, {@code subject}, {@code error}, {@code attempt}. */
    public static final String MAIL_FAILED = "MAIL_FAILED";
    /** An alert received (e.g. CAP 1.2): {@code identifier}, {@code sender}, {@code status}, {@code msgType}, {@code sha256}. */
    public static final String ALERT_RECEIVED = "ALERT_RECEIVED";
    /** A log-in to a Camunda webapp that succeeded: {@code app}, {@code remoteAddress}. */
    public static final String LOGIN_SUCCEEDED = "LOGIN_SUCCEEDED";
    /** A log-in to a Camunda webapp that was refused: {@code app}, {@code status}, {@code remoteAddress}. */
    public static final String LOGIN_FAILED = "LOGIN_FAILED";
    /** Evidence attached to a case: {@code name}, {@code mediaType}, {@code size}, {@code sha256}, {@code taskId}. */
    public static final String EVIDENCE_RECORDED = "EVIDENCE_RECORDED";
    /** The steps of a joint law-enforcement operation (processes/joint-enforcement.bpmn), each with what was entered. */
    public static final String ENFORCEMENT_OPENED = "ENFORCEMENT_OPENED";
    public static final String ENFORCEMENT_PLANNED = "ENFORCEMENT_PLANNED";
    public static final String ENFORCEMENT_FINDINGS_RECORDED = "ENFORCEMENT_FINDINGS_RECORDED";
    public static final String ENFORCEMENT_LEGAL_REVIEWED = "ENFORCEMENT_LEGAL_REVIEWED";
    public static final String ENFORCEMENT_DECIDED = "ENFORCEMENT_DECIDED";
    public static final String ENFORCEMENT_RECTIFICATION_CHECKED = "ENFORCEMENT_RECTIFICATION_CHECKED";
    public static final String ENFORCEMENT_CITY_REVIEWED = "ENFORCEMENT_CITY_REVIEWED";
    public static final String ENFORCEMENT_CONCLUDED = "ENFORCEMENT_CONCLUDED";
    /** A case's trail was exported: {@code format}, {@code entries}, {@code headSeq}. */
    public static final String AUDIT_EXPORTED = "AUDIT_EXPORTED";

    private AuditActions() {
    }
}
