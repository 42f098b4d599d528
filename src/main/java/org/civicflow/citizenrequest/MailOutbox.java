package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.engine.ProcessVariables;
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
 * The outbox of the citizen-request process's mails: the receipt to the reporter (受理回执), the dispatch notice to the
 * office that must sign for the case (派单通知) and the breach mails (超时通报) to the late office and the supervisor above
 * it. A process step queues a mail as a row of {@code cf_mail_outbox}, in the transaction of the step: the mail goes
 * if and only if the step happened, and the step costs one insert instead of an engine job per mail.
 *
 * <p>{@link #sendDue()} (every {@code civicflow.mail.outbox.interval}, 1 s by default, on every node) sends what is due:
 * <ul>
 *   <li>a receipt at the next round;</li>
 *   <li>dispatch notices and breach mails per office, one mail for everything that waits for it: an office's mails wait
 *       up to {@code civicflow.mail.outbox.office-window} (10 s) from the first one, then all that waits for the office
 *       goes, the case's own mail when one case waits, a digest listing the cases when several do. An office that
 *       receives a hundred cases in a minute gets a few mails, not a hundred;</li>
 *   <li>a dispatch notice is rendered again when it is sent, from the process as it is then (escalation at intake may
 *       have raised the SLA class after the notice was queued; the due date is the sign-for task's). If the process
 *       has ended by then, the notice goes as it was queued.</li>
 * </ul>
 * Each case's timeline records its {@code MAIL_SENT}. A round sends in one transaction and marks the rows it sent; the
 * timelines are written after it, {@value #NOTED} cases per transaction, each of which holds the audit trail's head
 * only while it appends their entries. A round that records hundreds of mails in one transaction held the head, and
 * with it every intake's commit, for as long as those appends took (docs/benchmarks.md, series P). A sent row stays
 * until its mail is recorded, so a crash in between loses no record: the next round writes it.
 *
 * <p>A round that has more to do rests between its transactions, {@code civicflow.mail.outbox.pacing} (2) times as
 * long as the last one took: so a round takes at most about a third of a core. An office's digest of several hundred
 * cases took a whole core for about a second (recording each case's {@code MAIL_SENT} and its audit entry), and on
 * two cores the intake's answers waited for it (docs/benchmarks.md, series W). In such a burst the timelines, and
 * mails beyond the round's first {@value #ROUND}, wait a few seconds more.
 *
 * <p>SMTP down: the rows stay and are tried again after {@code retry-after} (5 min); nothing is lost and nothing blocks
 * a case. The first failure is noted on each case's timeline ({@code MAIL_FAILED}); after {@code incident-after}
 * failed attempts each case also gets an incident ({@value #INCIDENT_TYPE}) in Cockpit, which is resolved when the
 * mail finally goes. Delivery is at least once: if the application dies between the send and the commit, the mail goes
 * again.
 *
 * <p>One round runs at a time across the nodes of a cluster: a round takes the single row of {@code cf_mail_round}
 * with {@code FOR UPDATE SKIP LOCKED} and returns at once if another node holds it. So a row is sent by one node, and a
 * case's breach mails to its office and its supervisor go in the same round.
 */
@Component
public class MailOutbox {

    public static final String INCIDENT_TYPE = "mailNotSent";

    /** The mails the outbox carries ({@code cf_mail_outbox.template}). */
    static final String RECEIPT = "receipt";
    static final String DISPATCHED = "dispatched";
    static final String BREACH = "breach";
    /** Mails that several cases' rows for one recipient share, as a digest. */
    private static final Set<String> DIGESTED = Set.of(DISPATCHED, BREACH);

    /** Processes read per query of labels and of tasks when dispatch notices are rendered again. */
    private static final int READ_CHUNK = 500;

    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

    /**
     * Rows claimed per sending transaction of a round: a round sends what is due in transactions of at most this many
     * rows (an office's digest holds at most this many cases).
     */
    private static final int ROUND = 500;

    /** Cases whose sent mails are recorded on their timelines per transaction (see the class comment). */
    private static final int NOTED = 50;

    /** The longest rest between two transactions of a round (a transaction that waited long on the database). */
    private static final Duration LONGEST_REST = Duration.ofSeconds(1);

    private final JdbcClient sql;
    private final Mailer mailer;
    private final CaseMails caseMails;
    private final CaseService cases;
    private final RuntimeService runtime;
    private final TaskService taskService;
    private final ProcessVariables variables;
    private final TransactionTemplate transaction;
    private final TransactionTemplate separately;
    private final Clock clock;
    private final Duration retryAfter;
    private final Duration officeWindow;
    private final int incidentAfter;
    private final int listed;
    private final double pacing;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final Counter sent;
    private final Counter failed;

    MailOutbox(JdbcClient sql, Mailer mailer, CaseMails caseMails, CaseService cases, RuntimeService runtime, TaskService taskService,
               ProcessVariables variables, PlatformTransactionManager transactions, Clock clock, MeterRegistry meters,
               @Value("${civicflow.mail.outbox.office-window:PT10S}") Duration officeWindow,
               @Value("${civicflow.mail.outbox.retry-after:PT5M}") Duration retryAfter,
               @Value("${civicflow.mail.outbox.incident-after:5}") int incidentAfter,
               @Value("${civicflow.mail.outbox.cases-listed:200}") int listed,
               @Value("${civicflow.mail.outbox.pacing:2}") double pacing) {
        this.sql = sql;
        this.mailer = mailer;
        this.caseMails = caseMails;
        this.cases = cases;
        this.runtime = runtime;
        this.taskService = taskService;
        this.variables = variables;
        this.transaction = new TransactionTemplate(transactions);
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.retryAfter = retryAfter;
        this.officeWindow = officeWindow;
        this.incidentAfter = incidentAfter;
        this.listed = listed;
        if (pacing < 0) {
            throw new IllegalArgumentException("civicflow.mail.outbox.pacing must be 0 or more, not " + pacing);
        }
        this.pacing = pacing;
        this.sent = Counter.builder("civicflow.mail.outbox.sent").description("Mails sent from the outbox (a digest counts once)")
                .register(meters);
        this.failed = Counter.builder("civicflow.mail.outbox.failed")
                .description("Outbox mails the SMTP server did not take (each attempt)").register(meters);
        Gauge.builder("civicflow.mail.outbox.waiting", this, MailOutbox::waiting)
                .description("Mails queued and not sent yet, one per case and recipient").register(meters);
    }

    /**
     * Queues a case's mail for each of its recipients; joins the caller's transaction. {@code summary} is the case's line
     * in a digest (for the templates sent as digests).
     */
    void queue(String template, String businessKey, String processInstanceId, Mail mail, String summary) {
        OffsetDateTime now = now();
        OffsetDateTime due = DIGESTED.contains(template) ? now.plus(officeWindow) : now;
        for (String recipient : mail.to()) {
            sql.sql("""
                    INSERT INTO cf_mail_outbox (template, recipient, business_key, process_instance_id, subject, body,
                        summary, queued_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).params(template, recipient, businessKey, processInstanceId, mail.subject(), mail.body(), summary,
                            now, due)
                    .update();
        }
    }

    /**
     * Whether the case's latest breach has its mail queued or sent already. Instances started before breach mails were
     * queued still have a mail step of their own after the breach ({@link SendMailDelegate}, template {@code breach}):
     * it sends only when this is false, i.e. for a breach recorded before the upgrade.
     */
    boolean mailedSinceLatestBreach(String businessKey) {
        return sql.sql("SELECT COUNT(*) FROM cf_mail_outbox WHERE business_key = ? AND template = ?")
                .params(businessKey, BREACH).query(Long.class).single() > 0
                || sql.sql("""
                        SELECT COUNT(*) FROM cf_case_event WHERE business_key = ? AND type = 'MAIL_SENT'
                            AND reason LIKE 'breach mail%' AND id > (SELECT COALESCE(MAX(id), 0) FROM cf_case_event
                                WHERE business_key = ? AND type = 'DEADLINE_BREACHED')
                        """).params(businessKey, businessKey).query(Long.class).single() > 0;
    }

    /** Rows waiting to be sent: one per case, mail and recipient. */
    public long waiting() {
        return sql.sql("SELECT COUNT(*) FROM cf_mail_outbox WHERE sent_at IS NULL").query(Long.class).single();
    }

    /** Rows whose sending failed at least once and that wait for their next attempt. */
    public long failing() {
        return sql.sql("SELECT COUNT(*) FROM cf_mail_outbox WHERE attempts > 0 AND sent_at IS NULL").query(Long.class).single();
    }

    /**
     * Sends every recipient its waiting mails, then records them on the cases' timelines; returns the mails sent. A
     * round already running on this node makes this call return 0 at once.
     */
    public int sendDue() {
        if (!sending.compareAndSet(false, true)) {
            return 0;
        }
        try {
            int mails = 0;
            Sent sent;
            do {
                long started = System.nanoTime();
                sent = transaction.execute(status -> sendRound());
                mails += sent.mails();
                if (sent.claimed() > 0 && !rest(started)) {
                    return mails; // interrupted (shutting down): the rows stay for the next round
                }
            } while (sent.claimed() == ROUND);
            long started = System.nanoTime();
            while (Boolean.TRUE.equals(transaction.execute(status -> recordSent()))) {
                if (!rest(started)) { // the next cases whose mails went, after a rest
                    return mails;
                }
                started = System.nanoTime();
            }
            return mails;
        } finally {
            sending.set(false);
        }
    }

    /**
     * Rests after one of a round's transactions when more follow: {@code pacing} times as long as it took, at most
     * {@link #LONGEST_REST}. Returns false if interrupted.
     */
    private boolean rest(long startedNanos) {
        long pause = Math.min(LONGEST_REST.toNanos(), (long) ((System.nanoTime() - startedNanos) * pacing));
        if (pause <= 0) {
            return true;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Sent(int claimed, int mails) {
    }

    private record Waiting(long id, String template, String recipient, String businessKey, String processInstanceId,
                           String subject, String body, String summary, int attempts, String incidentId) {

        Waiting rendered(Mail mail, String line) {
            return new Waiting(id, template, recipient, businessKey, processInstanceId, mail.subject(), mail.body(), line,
                    attempts, incidentId);
        }
    }

    /** Whether this transaction holds the round: one node's round at a time sends and records. */
    private boolean holdsRound() {
        return sql.sql("SELECT id FROM cf_mail_round WHERE id = 1 FOR UPDATE SKIP LOCKED").query(Integer.class)
                .optional().isPresent();
    }

    private Sent sendRound() {
        if (!holdsRound()) {
            return new Sent(0, 0); // another node's round is running: it sends what is due
        }
        List<Waiting> due = sql.sql("""
                SELECT id, template, recipient, business_key, process_instance_id, subject, body, summary, attempts,
                    incident_id
                FROM cf_mail_outbox o WHERE sent_at IS NULL AND (next_attempt_at <= :now
                    OR (template IN (:digested) AND attempts = 0 AND EXISTS (SELECT 1 FROM cf_mail_outbox d
                        WHERE d.template = o.template
                        AND d.recipient = o.recipient AND d.next_attempt_at <= :now AND d.sent_at IS NULL)))
                ORDER BY id LIMIT %d FOR UPDATE SKIP LOCKED
                """.formatted(ROUND)).param("now", now()).param("digested", DIGESTED)
                .query((rs, n) -> new Waiting(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
                        rs.getString(10)))
                .list();
        if (due.isEmpty()) {
            return new Sent(0, 0);
        }
        Map<Long, Waiting> current = currentDispatchNotices(due);
        // a digest per template and recipient; any other mail on its own
        Map<String, List<Waiting>> groups = new TreeMap<>();
        for (Waiting w : due) {
            String group = DIGESTED.contains(w.template()) ? w.template() + '\n' + w.recipient() : "~" + w.id();
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(current.getOrDefault(w.id(), w));
        }
        int mails = 0;
        for (List<Waiting> rows : groups.values()) {
            Waiting first = rows.get(0);
            Mail mail = rows.size() == 1 ? new Mail(List.of(first.recipient()), first.subject(), first.body())
                    : digest(first, rows.stream().map(Waiting::summary).toList());
            try {
                mailer.send(mail);
            } catch (RuntimeException e) {
                failed.increment();
                log.warn("{} mail to {} ({} case(s)) not sent, tried again in {}: {}", first.template(), first.recipient(),
                        rows.size(), retryAfter, e.getMessage());
                rows.forEach(w -> failedAttempt(w, e));
                continue;
            }
            sent.increment();
            mails++;
            for (Waiting w : rows) {
                if (w.incidentId() != null) {
                    resolveIncident(w.incidentId());
                }
            }
            sql.sql("UPDATE cf_mail_outbox SET sent_at = :now WHERE id IN (:ids)").param("now", now())
                    .param("ids", rows.stream().map(Waiting::id).toList()).update();
        }
        return new Sent(due.size(), mails);
    }

    /**
     * Records the sent mails of the next {@value #NOTED} cases on their timelines (one {@code MAIL_SENT} per case and
     * mail, naming its recipients) and removes their rows; returns whether more cases may wait for that.
     */
    private boolean recordSent() {
        if (!holdsRound()) {
            return false;
        }
        List<String> businessKeys = sql.sql("""
                SELECT DISTINCT business_key FROM cf_mail_outbox WHERE sent_at IS NOT NULL ORDER BY business_key LIMIT %d
                """.formatted(NOTED)).query(String.class).list();
        if (businessKeys.isEmpty()) {
            return false;
        }
        Map<String, Map<String, Set<String>>> sentTo = new TreeMap<>(); // case -> mail -> recipients reached
        List<Long> ids = new ArrayList<>();
        sql.sql("""
                SELECT id, business_key, template, recipient FROM cf_mail_outbox
                WHERE sent_at IS NOT NULL AND business_key IN (:keys) ORDER BY id
                """).param("keys", businessKeys).query(rs -> {
                    ids.add(rs.getLong(1));
                    sentTo.computeIfAbsent(rs.getString(2), k -> new TreeMap<>())
                            .computeIfAbsent(rs.getString(3), t -> new LinkedHashSet<>()).add(rs.getString(4));
                });
        sentTo.forEach((businessKey, byTemplate) -> byTemplate.forEach((template, recipients) ->
                caseMails.noteSent(businessKey, template, List.copyOf(recipients), null)));
        sql.sql("DELETE FROM cf_mail_outbox WHERE id IN (:ids)").param("ids", ids).update();
        return businessKeys.size() == NOTED;
    }

    private Mail digest(Waiting first, List<String> lines) {
        return first.template().equals(BREACH) ? MailTemplates.breachDigest(first.recipient(), lines, listed)
                : MailTemplates.dispatchedDigest(first.recipient(), lines, listed);
    }

    /**
     * The dispatch notices as their cases are now: the case record (the SLA class may have been raised since the
     * notice was queued), the category's label as the process keeps it, and the sign-for task's due date; as queued
     * when the process has ended. Read per {@value #READ_CHUNK} processes in one query each of records, labels and tasks.
     */
    private Map<Long, Waiting> currentDispatchNotices(List<Waiting> due) {
        List<Waiting> notices = due.stream().filter(w -> w.template().equals(DISPATCHED)).toList();
        Map<Long, Waiting> current = new HashMap<>();
        for (int from = 0; from < notices.size(); from += READ_CHUNK) {
            List<Waiting> chunk = notices.subList(from, Math.min(notices.size(), from + READ_CHUNK));
            String[] instances = chunk.stream().map(Waiting::processInstanceId).distinct().toArray(String[]::new);
            Map<String, String> categoryLabels = variables.stringOf(Vars.CATEGORY_LABEL, List.of(instances));
            Map<String, String> signForDue = new HashMap<>();
            taskService.createTaskQuery().processInstanceIdIn(instances)
                    .taskDefinitionKey(CitizenRequestProcess.Tasks.SIGN_FOR).list()
                    .forEach(t -> signForDue.put(t.getProcessInstanceId(),
                            t.getDueDate() == null ? "—" : HandlingClock.label(t.getDueDate().toInstant())));
            Map<String, CaseRecord> records = cases.findAll(chunk.stream().map(Waiting::businessKey).toList());
            for (Waiting w : chunk) {
                String categoryLabel = categoryLabels.get(w.processInstanceId());
                CaseRecord record = records.get(w.businessKey());
                if (categoryLabel != null && record != null) {
                    String dueBy = signForDue.getOrDefault(w.processInstanceId(), "—");
                    // the rest from the record: number, SLA class as raised since, address, description
                    CaseValues now = CaseValues.of(Map.<String, Object>of(Vars.CATEGORY_LABEL, categoryLabel)::get, record);
                    current.put(w.id(), w.rendered(MailTemplates.dispatched(now, List.of(w.recipient()), dueBy),
                            MailTemplates.dispatchedLine(now, dueBy)));
                }
            }
        }
        return current;
    }

    private void failedAttempt(Waiting w, RuntimeException e) {
        int attempts = w.attempts() + 1;
        String error = abbreviate(String.valueOf(e.getMessage()));
        String incident = w.incidentId();
        if (attempts == 1) {
            cases.note(w.businessKey(), CaseEventType.MAIL_FAILED, null, CaseService.SYSTEM_ACTOR, w.template()
                    + " mail to " + w.recipient() + " failed, will be retried every " + retryAfter + ": " + error,
                    w.subject());
        }
        if (incident == null && attempts >= incidentAfter) {
            incident = raiseIncident(w, attempts, error);
        }
        sql.sql("""
                UPDATE cf_mail_outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, incident_id = ? WHERE id = ?
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
                            "The " + w.template() + " mail to " + w.recipient() + " was not sent after " + attempts
                                    + " attempts (retried every " + retryAfter + "): " + error).getId())
                    .orElse(null));
        } catch (ProcessEngineException e) {
            log.warn("No incident for the {} mail of {}: {}", w.template(), w.businessKey(), e.getMessage());
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
