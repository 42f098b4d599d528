package org.civicflow.enforcement;

import static org.civicflow.enforcement.JointEnforcementProcess.Tasks;
import static org.civicflow.enforcement.JointEnforcementProcess.Values;
import static org.civicflow.enforcement.JointEnforcementProcess.Vars;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.civicflow.audit.AuditActions;
import org.civicflow.audit.AuditEvent;
import org.civicflow.engine.TaskFormRejection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Guards what each participant submits (on the server, so the engine REST API cannot bypass the forms) and records
 * every step in the audit trail with who did it, for which office, and what was entered. Evidence — the task's
 * attachments and an uploaded {@code evidenceFile} — is recorded with its SHA-256, one entry per item.
 */
@Component
class EnforcementTaskListener implements TaskListener {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int MAX_REPORT = 3900;

    private final EnforcementOffices offices;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EnforcementTaskListener(EnforcementOffices offices, ApplicationEventPublisher events, Clock clock) {
        this.offices = offices;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
            return;
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("taskId", task.getId());
        details.put("task", task.getTaskDefinitionKey());
        String lead = (String) task.getVariable(Vars.LEAD_OFFICE);
        String office = lead;
        String action;
        switch (task.getTaskDefinitionKey()) {
            case Tasks.PLAN -> {
                action = AuditActions.ENFORCEMENT_PLANNED;
                plan(task, lead, problems, details);
            }
            case Tasks.RECORD_FINDINGS -> {
                action = AuditActions.ENFORCEMENT_FINDINGS_RECORDED;
                office = (String) task.getVariable(Vars.COOPERATING_OFFICE);
                findings(task, office, problems, details);
            }
            case Tasks.LEGAL_REVIEW -> {
                action = AuditActions.ENFORCEMENT_LEGAL_REVIEWED;
                details.put(Vars.LEGAL_OPINION, require(task, Vars.LEGAL_OPINION, "legalOpinion: write the legal opinion", problems));
                details.put(Vars.LEGAL_BASIS, require(task, Vars.LEGAL_BASIS, "legalBasis: cite the legal basis", problems));
            }
            case Tasks.DECIDE -> {
                action = AuditActions.ENFORCEMENT_DECIDED;
                decide(task, problems, details);
            }
            case Tasks.CHECK_RECTIFICATION -> {
                action = AuditActions.ENFORCEMENT_RECTIFICATION_CHECKED;
                String rectified = text(task, Vars.RECTIFIED);
                if (!Set.of(Values.YES, Values.NO).contains(rectified)) {
                    problems.add("rectified: yes or no");
                }
                details.put(Vars.RECTIFIED, rectified);
                details.put(Vars.CHECK_NOTES, require(task, Vars.CHECK_NOTES, "checkNotes: say what the check found", problems));
            }
            case Tasks.CITY_REVIEW -> {
                action = AuditActions.ENFORCEMENT_CITY_REVIEWED;
                office = "500000-enforcement";
                details.put(Vars.CITY_DECISION, require(task, Vars.CITY_DECISION, "cityDecision: record the city's decision", problems));
            }
            default -> {
                return;
            }
        }
        if (!problems.isEmpty()) {
            throw TaskFormRejection.of(task.getName(), problems);
        }
        details.values().removeIf(v -> v == null);
        events.publishEvent(new AuditEvent(action, actor(task), office, task.getExecution().getProcessBusinessKey(),
                task.getProcessInstanceId(), details));
    }

    private void plan(DelegateTask task, String lead, List<String> problems, Map<String, Object> details) {
        String decision = text(task, Vars.PROPOSAL_DECISION);
        details.put(Vars.PROPOSAL_DECISION, decision);
        if (Values.DECLINE.equals(decision)) {
            details.put(Vars.DECLINE_REASON, require(task, Vars.DECLINE_REASON, "declineReason: say why", problems));
            return;
        }
        if (!Values.ACCEPT.equals(decision)) {
            problems.add("proposalDecision: accept or decline");
            return;
        }
        Set<String> chosen = list(task.getVariable(Vars.COOPERATING_OFFICES));
        if (chosen.isEmpty()) {
            problems.add("cooperatingOffices: choose at least one cooperating office");
        }
        for (String o : chosen) {
            if (!offices.isOffice(o) || o.equals(lead)) {
                problems.add("cooperatingOffices: '" + o + "' is not an office that can cooperate");
            }
        }
        task.setVariable(Vars.COOPERATING_OFFICE_LIST, String.join(",", chosen));
        details.put(Vars.COOPERATING_OFFICES, List.copyOf(chosen));
        details.put(Vars.INSTRUCTIONS, text(task, Vars.INSTRUCTIONS));
    }

    private void findings(DelegateTask task, String office, List<String> problems, Map<String, Object> details) {
        String findings = require(task, Vars.FINDINGS, "findings: record what your office found", problems);
        if (!problems.isEmpty()) {
            return;
        }
        List<Map<String, Object>> evidence = new ArrayList<>();
        TaskService taskService = task.getProcessEngineServices().getTaskService();
        for (Attachment a : taskService.getTaskAttachments(task.getId())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("attachmentId", a.getId());
            item.put("name", a.getName());
            item.put("mediaType", a.getType());
            try (InputStream content = taskService.getTaskAttachmentContent(task.getId(), a.getId())) {
                if (content != null) {
                    Digest d = digest(content);
                    item.put("size", d.size());
                    item.put("sha256", d.sha256());
                } else {
                    item.put("url", a.getUrl()); // a link, not content we hold: its target is not fixed by a hash
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            evidence.add(item);
        }
        TypedValue file = task.getVariableLocalTyped(Vars.EVIDENCE_FILE);
        if (file == null) {
            file = task.getExecution().getVariableLocalTyped(Vars.EVIDENCE_FILE);
        }
        if (file instanceof FileValue f && f.getValue() != null) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("variable", Vars.EVIDENCE_FILE);
            item.put("name", f.getFilename());
            item.put("mediaType", f.getMimeType());
            Digest d = digest(f.getValue());
            item.put("size", d.size());
            item.put("sha256", d.sha256());
            evidence.add(item);
        }
        for (Map<String, Object> item : evidence) {
            Map<String, Object> entry = new LinkedHashMap<>(item);
            entry.put("taskId", task.getId());
            entry.values().removeIf(v -> v == null);
            events.publishEvent(new AuditEvent(AuditActions.EVIDENCE_RECORDED, actor(task), office,
                    task.getExecution().getProcessBusinessKey(), task.getProcessInstanceId(), entry));
        }
        details.put(Vars.COOPERATING_OFFICE, office);
        details.put(Vars.FINDINGS, findings);
        details.put("evidence", evidence);

        String line = "- **" + offices.nameOf(office) + "** (" + actor(task) + ", "
                + clock.instant().atZone(ZONE).toLocalDateTime().withNano(0) + "): " + findings
                + (evidence.isEmpty() ? "" : " [" + evidence.size() + " evidence item(s), SHA-256 recorded]");
        Object report = task.getVariable(Vars.FINDINGS_REPORT);
        String all = report == null ? line : report + "\n" + line;
        task.setVariable(Vars.FINDINGS_REPORT, all.length() > MAX_REPORT ? all.substring(all.length() - MAX_REPORT) : all);
    }

    private void decide(DelegateTask task, List<String> problems, Map<String, Object> details) {
        String decision = text(task, Vars.DECISION);
        details.put(Vars.DECISION, decision);
        details.put(Vars.DECISION_REASON, require(task, Vars.DECISION_REASON, "decisionReason: give the reasons", problems));
        switch (decision == null ? "" : decision) {
            case Values.RECTIFICATION -> {
                Instant due = deadline(task.getVariable(Vars.RECTIFICATION_DEADLINE));
                if (due == null || !due.isAfter(clock.instant())) {
                    problems.add("rectificationDeadline: a future date (yyyy-MM-dd) for the rectification");
                } else {
                    task.setVariable(Vars.RECTIFICATION_DUE, Date.from(due));
                    details.put(Vars.RECTIFICATION_DUE, due.toString());
                }
            }
            case Values.PENALTY -> {
                Object amount = task.getVariable(Vars.PENALTY_AMOUNT);
                double value = amount instanceof Number n ? n.doubleValue() : parse(amount);
                if (!(value > 0)) {
                    problems.add("penaltyAmount: the penalty in CNY, more than 0");
                }
                details.put(Vars.PENALTY_AMOUNT, amount);
            }
            case Values.NO_VIOLATION -> { }
            default -> problems.add("decision: rectification, penalty or noViolation");
        }
        if (problems.isEmpty()) {
            task.setVariable(Vars.DECIDED_BY, actor(task));
            task.setVariable(Vars.DECIDED_AT, Date.from(clock.instant()));
        }
    }

    /** {@code yyyy-MM-dd} means by the end of that day in Beijing; a date-time without zone is Beijing time. */
    static Instant deadline(Object value) {
        if (value instanceof Date d) {
            return d.toInstant();
        }
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String s = value.toString().strip();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).plusDays(1).atStartOfDay(ZONE).toInstant();
            }
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(s).atZone(ZONE).toInstant();
            }
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static double parse(Object amount) {
        try {
            return amount == null ? 0 : Double.parseDouble(amount.toString().strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A checklist's value: a JSON array (Camunda Forms), a Java collection or comma-separated text. */
    static Set<String> list(Object value) {
        Set<String> items = new LinkedHashSet<>();
        if (value instanceof SpinJsonNode node && node.isArray()) {
            node.elements().forEach(e -> items.add(e.stringValue()));
        } else if (value instanceof Collection<?> c) {
            c.forEach(e -> items.add(String.valueOf(e)));
        } else if (value != null) {
            String s = value.toString().strip();
            if (s.startsWith("[")) {
                s = s.substring(1, s.length() - 1).replace("\"", "");
            }
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    items.add(part.strip());
                }
            }
        }
        return items;
    }

    private static String actor(DelegateTask task) {
        Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (user != null && user.getUserId() != null) {
            return user.getUserId();
        }
        return task.getAssignee();
    }

    private static String require(DelegateTask task, String variable, String problem, List<String> problems) {
        String value = text(task, variable);
        if (value == null) {
            problems.add(problem);
        }
        return value;
    }

    private static String text(DelegateTask task, String variable) {
        Object value = task.getVariable(variable);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private record Digest(long size, String sha256) {
    }

    private static Digest digest(InputStream in) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                size += n;
            }
            return new Digest(size, HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
