package org.civicflow.citizenrequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseService;
import org.civicflow.notification.Mail;
import org.civicflow.notification.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Breach mails (超时通报) to the late office and the supervisor above it, one mail per recipient for everything that
 * waits for it.
 *
 * <p>When a deadline passes, {@link RecordBreachDelegate} queues the case's mail for each recipient in table
 * {@code cf_breach_mail}, in the transaction that records the breach: it is sent if and only if the breach is
 * recorded. {@link #sendDue()} (every {@code civicflow.mail.breach-digest.interval}, 10 s by default, on every node)
 * then sends each recipient one mail: the case's own mail when one case waits, a digest listing the cases when several
 * do. A supervisor whose district misses a hundred deadlines in one minute gets one mail, not a hundred; each case's
 * timeline records its {@code MAIL_SENT}.
 *
 * <p>SMTP down: the rows stay and are tried again after {@code retry-after} (5 min); nothing is lost and nothing blocks
 * a case. The first failure is noted on each case's timeline ({@code MAIL_FAILED}); after {@code incident-after}
 * failed attempts each case also gets an incident ({@value #INCIDENT_TYPE}) in Cockpit, which is resolved when the
 * mail finally goes. Delivery is at least once, as for every mail step: if the application dies between the send and
 * the commit, the mail goes again.
 *
 * <p>One round runs at a time across the nodes of a cluster: a round takes the single row of
 * {@code cf_breach_mail_round} with {@code FOR UPDATE SKIP LOCKED} and returns at once if another node holds it. So a
 * row is sent by one node, and a case's mails to its office and its supervisor go in the same round.
 */
@Component
public class BreachMails {

    public static final String INCIDENT_TYPE = "breachMailNotSent";

    private static final Logger log = LoggerFactory.getLogger(BreachMails.class);
    /** Rows claimed per round; the rest waits for the next round. */
    private static final int ROUND = 20_000;

    private final JdbcClient sql;
    private final Mailer mailer;
    private final CaseService cases;
    private final RuntimeService runtime;
    private final TaskService taskService;
    private final TransactionTemplate transaction;
    private final TransactionTemplate separately;
    private final Clock clock;
    private final Duration retryAfter;
    private final int incidentAfter;
    private final int listed;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final Counter sent;
    private final Counter failed;

    BreachMails(JdbcClient sql, Mailer mailer, CaseService cases, RuntimeService runtime, TaskService taskService,
                PlatformTransactionManager transactions, Clock clock, MeterRegistry meters,
                @Value("${civicflow.mail.breach-digest.retry-after:PT5M}") Duration retryAfter,
                @Value("${civicflow.mail.breach-digest.incident-after:5}") int incidentAfter,
                @Value("${civicflow.mail.breach-digest.cases-listed:200}") int listed) {
        this.sql = sql;
        this.mailer = mailer;
        this.cases = cases;
        this.runtime = runtime;
        this.taskService = taskService;
        this.transaction = new TransactionTemplate(transactions);
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.retryAfter = retryAfter;
        this.incidentAfter = incidentAfter;
        this.listed = listed;
        this.sent = Counter.builder("civicflow.mail.breach.sent").description("Breach mails sent (a digest counts once)")
                .register(meters);
        this.failed = Counter.builder("civicflow.mail.breach.failed")
                .description("Breach mails the SMTP server did not take (each attempt)").register(meters);
        Gauge.builder("civicflow.mail.breach.waiting", this, BreachMails::waiting)
                .description("Breach mails queued and not sent yet, one per case and recipient").register(meters);
    }

    /** Queues the breach mail of one case for each of its recipients; joins the caller's transaction. */
    void queue(String businessKey, String processInstanceId, Mail mail, String summary) {
        OffsetDateTime now = now();
        for (String recipient : mail.to()) {
            sql.sql("""
                    INSERT INTO cf_breach_mail (recipient, business_key, process_instance_id, subject, body, summary,
                        queued_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """).params(recipient, businessKey, processInstanceId, mail.subject(), mail.body(), summary, now, now)
                    .update();
        }
    }

    /**
     * Whether the case's latest breach has its mail queued or sent already. Instances started before breach mails were
     * queued still have a mail step of their own after the breach ({@link SendMailDelegate}, template {@code breach}):
     * it sends only when this is false, i.e. for a breach recorded before the upgrade.
     */
    boolean mailedSinceLatestBreach(String businessKey) {
        return sql.sql("SELECT COUNT(*) FROM cf_breach_mail WHERE business_key = ?").param(businessKey)
                .query(Long.class).single() > 0
                || sql.sql("""
                        SELECT COUNT(*) FROM cf_case_event WHERE business_key = ? AND type = 'MAIL_SENT'
                            AND reason LIKE 'breach mail%' AND id > (SELECT COALESCE(MAX(id), 0) FROM cf_case_event
                                WHERE business_key = ? AND type = 'DEADLINE_BREACHED')
                        """).params(businessKey, businessKey).query(Long.class).single() > 0;
    }

    /** Rows waiting: one per case and recipient. */
    public long waiting() {
        return sql.sql("SELECT COUNT(*) FROM cf_breach_mail").query(Long.class).single();
    }

    /**
     * Sends every recipient its waiting breach mails, one mail each, in one transaction; returns the mails sent. A
     * round already running on this node makes this call return 0 at once.
     */
    public int sendDue() {
        if (!sending.compareAndSet(false, true)) {
            return 0;
        }
        try {
            Integer mails = transaction.execute(status -> sendRound());
            return mails == null ? 0 : mails;
        } finally {
            sending.set(false);
        }
    }

    private record Waiting(long id, String recipient, String businessKey, String processInstanceId, String subject,
                           String body, String summary, int attempts, String incidentId) {
    }

    private int sendRound() {
        if (sql.sql("SELECT id FROM cf_breach_mail_round WHERE id = 1 FOR UPDATE SKIP LOCKED").query(Integer.class)
                .optional().isEmpty()) {
            return 0; // another node's round is running: it sends what is due
        }
        List<Waiting> due = sql.sql("""
                SELECT id, recipient, business_key, process_instance_id, subject, body, summary, attempts, incident_id
                FROM cf_breach_mail WHERE next_attempt_at <= ? ORDER BY id LIMIT %d FOR UPDATE SKIP LOCKED
                """.formatted(ROUND)).param(now())
                .query((rs, n) -> new Waiting(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9)))
                .list();
        if (due.isEmpty()) {
            return 0;
        }
        Map<String, List<Waiting>> byRecipient = new TreeMap<>();
        due.forEach(w -> byRecipient.computeIfAbsent(w.recipient(), r -> new ArrayList<>()).add(w));
        Map<String, List<String>> sentTo = new LinkedHashMap<>(); // case -> recipients reached in this round
        int mails = 0;
        for (Map.Entry<String, List<Waiting>> entry : byRecipient.entrySet()) {
            List<Waiting> rows = entry.getValue();
            Mail mail = rows.size() == 1 ? new Mail(List.of(entry.getKey()), rows.get(0).subject(), rows.get(0).body())
                    : MailTemplates.breachDigest(entry.getKey(), rows.stream().map(Waiting::summary).toList(), listed);
            try {
                mailer.send(mail);
            } catch (RuntimeException e) {
                failed.increment();
                log.warn("Breach mail to {} ({} case(s)) not sent, tried again in {}: {}", entry.getKey(), rows.size(),
                        retryAfter, e.getMessage());
                rows.forEach(w -> failedAttempt(w, e));
                continue;
            }
            sent.increment();
            mails++;
            for (Waiting w : rows) {
                sentTo.computeIfAbsent(w.businessKey(), k -> new ArrayList<>()).add(w.recipient());
                if (w.incidentId() != null) {
                    resolveIncident(w.incidentId());
                }
            }
            sql.sql("DELETE FROM cf_breach_mail WHERE id IN (:ids)")
                    .param("ids", rows.stream().map(Waiting::id).toList()).update();
        }
        String how = mailer.isSending() ? "" : " (written to the log: no SMTP server configured)";
        sentTo.forEach((businessKey, recipients) -> cases.note(businessKey, CaseEventType.MAIL_SENT, null,
                CaseService.SYSTEM_ACTOR, "breach mail to " + String.join(", ", recipients) + how, null));
        return mails;
    }

    private void failedAttempt(Waiting w, RuntimeException e) {
        int attempts = w.attempts() + 1;
        String error = abbreviate(String.valueOf(e.getMessage()));
        String incident = w.incidentId();
        if (attempts == 1) {
            cases.note(w.businessKey(), CaseEventType.MAIL_FAILED, null, CaseService.SYSTEM_ACTOR, "breach mail to "
                    + w.recipient() + " failed, will be retried every " + retryAfter + ": " + error, w.subject());
        }
        if (incident == null && attempts >= incidentAfter) {
            incident = raiseIncident(w, attempts, error);
        }
        sql.sql("""
                UPDATE cf_breach_mail SET attempts = ?, next_attempt_at = ?, last_error = ?, incident_id = ? WHERE id = ?
                """).params(attempts, now().plus(retryAfter), error, incident, w.id()).update();
    }

    /**
     * An incident on an open task's execution of the case (the engine attaches incidents to an activity), in a
     * transaction of its own so that a case that has ended meanwhile does not undo the round.
     */
    private String raiseIncident(Waiting w, int attempts, String error) {
        try {
            return separately.execute(status -> taskService.createTaskQuery().processInstanceId(w.processInstanceId())
                    .list().stream().findFirst()
                    .map(task -> runtime.createIncident(INCIDENT_TYPE, task.getExecutionId(), w.recipient(),
                            "Breach mail to " + w.recipient() + " not sent after " + attempts + " attempts (retried every "
                                    + retryAfter + "): " + error).getId())
                    .orElse(null));
        } catch (ProcessEngineException e) {
            log.warn("No incident for the breach mail of {}: {}", w.businessKey(), e.getMessage());
            return null;
        }
    }

    private void resolveIncident(String incidentId) {
        try {
            separately.executeWithoutResult(status -> runtime.resolveIncident(incidentId));
        } catch (ProcessEngineException e) { // resolved in Cockpit, or the case has ended
            log.debug("Incident {} already gone: {}", incidentId, e.getMessage());
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }
}
