package org.civicflow.escalation.live;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.civicflow.escalation.ActiveWarning;
import org.civicflow.escalation.WarningColour;
import org.civicflow.escalation.WarningKind;
import org.civicflow.escalation.cap.CapAlert;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Plain SQL over {@code cf_alert} and {@code cf_warning}, portable between H2 and PostgreSQL. */
@Repository
public class WarningRepository {

    public static final String ACTIVE = "ACTIVE";
    public static final String SUPERSEDED = "SUPERSEDED";
    public static final String CANCELLED = "CANCELLED";

    private final JdbcClient jdbc;

    WarningRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** An alert as stored, with what receiving it did. */
    public record StoredAlert(long id, String identifier, String sender, OffsetDateTime sent, String status,
                              String msgType, String references, String event, OffsetDateTime receivedAt, String outcome,
                              Integer reevaluated, Integer escalated) {
    }

    public Optional<StoredAlert> findAlert(String sender, String identifier) {
        return jdbc.sql("SELECT * FROM cf_alert WHERE sender = :sender AND identifier = :identifier")
                .param("sender", sender).param("identifier", identifier).query(ALERT_ROW).optional();
    }

    public Optional<StoredAlert> findAlert(long id) {
        return jdbc.sql("SELECT * FROM cf_alert WHERE id = :id").param("id", id).query(ALERT_ROW).optional();
    }

    public long insertAlert(CapAlert alert, OffsetDateTime receivedAt) {
        String references = alert.references().stream()
                .map(r -> r.sender() + "," + r.identifier() + "," + r.sent())
                .collect(Collectors.joining(" "));
        String event = alert.infos().isEmpty() ? null : alert.infos().get(0).event();
        String headline = alert.infos().isEmpty() ? null : alert.infos().get(0).headline();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO cf_alert (identifier, sender, sent, status, msg_type, refs, event, headline, received_at)
                VALUES (:identifier, :sender, :sent, :status, :msgType, :refs, :event, :headline, :receivedAt)
                """)
                .param("identifier", alert.identifier()).param("sender", alert.sender()).param("sent", alert.sent())
                .param("status", alert.status().code()).param("msgType", alert.msgType().code())
                .param("refs", truncate(references, 4000)).param("event", truncate(event, 255))
                .param("headline", truncate(headline, 1000)).param("receivedAt", receivedAt)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public void finishAlert(long id, String outcome, int reevaluated, int escalated) {
        jdbc.sql("UPDATE cf_alert SET outcome = :outcome, reevaluated = :reevaluated, escalated = :escalated WHERE id = :id")
                .param("outcome", outcome).param("reevaluated", reevaluated).param("escalated", escalated).param("id", id)
                .update();
    }

    public void insertWarning(long alertId, boolean actual, ActiveWarning w) {
        jdbc.sql("""
                INSERT INTO cf_warning (alert_id, alert_identifier, actual, kind, colour, division_code, onset, expires, state)
                VALUES (:alertId, :source, :actual, :kind, :colour, :division, :onset, :expires, :state)
                """)
                .param("alertId", alertId).param("source", w.source()).param("actual", actual)
                .param("kind", w.kind().name()).param("colour", w.colour().name()).param("division", w.divisionCode())
                .param("onset", at(w.onset())).param("expires", at(w.expires())).param("state", ACTIVE)
                .update();
    }

    /** Ends the warnings still active of the referenced alert (by sender and identifier); returns those it ended. */
    public List<ActiveWarning> endWarnings(String sender, String identifier, String state, String endedBy, OffsetDateTime at) {
        List<ActiveWarning> ended = jdbc.sql("""
                SELECT w.* FROM cf_warning w JOIN cf_alert a ON a.id = w.alert_id
                WHERE a.sender = :sender AND a.identifier = :identifier AND w.state = :active
                """)
                .param("sender", sender).param("identifier", identifier).param("active", ACTIVE)
                .query(WARNING_ROW).list();
        jdbc.sql("""
                UPDATE cf_warning SET state = :state, ended_by = :endedBy, ended_at = :at
                WHERE state = :active AND alert_id IN (SELECT id FROM cf_alert WHERE sender = :sender AND identifier = :identifier)
                """)
                .param("state", state).param("endedBy", endedBy).param("at", at).param("active", ACTIVE)
                .param("sender", sender).param("identifier", identifier)
                .update();
        return ended;
    }

    /**
     * The warnings of real ({@code Actual}) alerts neither superseded nor cancelled nor expired at {@code at}; one whose
     * onset is still ahead is included (the rules leave it out until then).
     */
    public List<ActiveWarning> liveWarnings(Instant at) {
        return jdbc.sql("""
                SELECT * FROM cf_warning WHERE state = :active AND actual = TRUE AND (expires IS NULL OR expires > :at)
                ORDER BY id
                """)
                .param("active", ACTIVE).param("at", at(at))
                .query(WARNING_ROW).list();
    }

    /** Every warning an alert put in force, whatever its state now. */
    public List<ActiveWarning> warningsOf(long alertId) {
        return jdbc.sql("SELECT * FROM cf_warning WHERE alert_id = :id ORDER BY id").param("id", alertId)
                .query(WARNING_ROW).list();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static final RowMapper<StoredAlert> ALERT_ROW = (rs, n) -> new StoredAlert(
            rs.getLong("id"), rs.getString("identifier"), rs.getString("sender"),
            rs.getObject("sent", OffsetDateTime.class), rs.getString("status"), rs.getString("msg_type"),
            rs.getString("refs"), rs.getString("event"), rs.getObject("received_at", OffsetDateTime.class),
            rs.getString("outcome"), (Integer) rs.getObject("reevaluated"), (Integer) rs.getObject("escalated"));

    private static final RowMapper<ActiveWarning> WARNING_ROW = (rs, n) -> new ActiveWarning(
            WarningKind.valueOf(rs.getString("kind")),
            WarningColour.valueOf(rs.getString("colour")),
            rs.getString("division_code"),
            rs.getString("alert_identifier"),
            instant(rs.getObject("onset", OffsetDateTime.class)),
            instant(rs.getObject("expires", OffsetDateTime.class)));

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
