package org.civicflow.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The chain in the database: appends under the head lock, reads entries in sequence order. Plain JDBC on a
 * {@link DataSource}, usable inside the application (joining the Spring transaction) and from the command line.
 *
 * <p>{@link #append} must run inside a transaction: the head row stays locked until it ends, which is what keeps
 * concurrent writers — threads or nodes — in one line, and makes the entry commit or roll back with the change it
 * records.
 */
final class AuditLedger {

    static final int MAX_DETAILS = 1_000_000;
    private static final int BATCH = 5_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Boolean stepwiseHead;

    AuditLedger(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(BATCH);
        this.clock = clock;
    }

    /** Refuses details over {@link #MAX_DETAILS} characters: a document belongs in the trail as its hash. */
    static String requireWithinLimit(String canonicalDetails) {
        if (canonicalDetails.length() > MAX_DETAILS) {
            throw new IllegalArgumentException("Audit details over " + MAX_DETAILS + " characters: record a hash instead");
        }
        return canonicalDetails;
    }

    /** The head as stored: the last entry's seq and hash (0 and 64 zeros for an empty chain). */
    record Head(long seq, String hash) {
    }

    AuditEntry append(String actor, String office, String businessKey, String processInstanceId, String action,
                      String canonicalDetails) {
        return appendAll(List.of(new PendingAppends.Pending(actor, office, businessKey, processInstanceId, action,
                canonicalDetails))).get(0);
    }

    /**
     * Appends the entries in order: the head is read and locked once, the entries are inserted in one batch, and the
     * head moves to the last of them: on PostgreSQL one entry at a time (its trigger allows no more), on H2 at once.
     */
    List<AuditEntry> appendAll(List<PendingAppends.Pending> pending) {
        if (pending.isEmpty()) {
            return List.of();
        }
        pending.forEach(p -> requireWithinLimit(p.canonicalDetails()));
        Head head = jdbc.queryForObject("SELECT seq, hash FROM cf_audit_head WHERE id = 1 FOR UPDATE",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2)));
        // Not earlier than the previous entry, so the trail reads in order even if clocks of two nodes disagree.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant last = head.seq() == 0 ? null : jdbc.queryForObject(
                "SELECT recorded_at FROM cf_audit_entry WHERE seq = ?",
                (rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant(), head.seq());
        Instant at = last != null && last.isAfter(now) ? last : now;
        List<AuditEntry> entries = new ArrayList<>(pending.size());
        String previous = head.hash();
        long seq = head.seq();
        for (PendingAppends.Pending p : pending) {
            seq++;
            String who = p.actor() == null || p.actor().isBlank() ? "system" : p.actor();
            String canonical = AuditEntry.canonical(seq, AuditEntry.TIMESTAMP.format(at), who, p.office(),
                    p.businessKey(), p.processInstanceId(), p.action(), p.canonicalDetails());
            String hash = AuditEntry.hash(previous, canonical);
            entries.add(new AuditEntry(seq, at, who, p.office(), p.businessKey(), p.processInstanceId(), p.action(),
                    p.canonicalDetails(), previous, hash));
            previous = hash;
        }
        OffsetDateTime recordedAt = at.atOffset(ZoneOffset.UTC);
        jdbc.batchUpdate("""
                INSERT INTO cf_audit_entry (seq, recorded_at, actor, office, business_key, process_instance_id, action,
                    details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, entries.stream().map(e -> new Object[] {e.seq(), recordedAt, e.actor(), e.office(),
                e.businessKey(), e.processInstanceId(), e.action(), e.details(), e.prevHash(), e.hash()}).toList());
        List<AuditEntry> steps = headMovesOneStepAtATime() ? entries
                : entries.subList(entries.size() - 1, entries.size());
        jdbc.batchUpdate("UPDATE cf_audit_head SET seq = ?, hash = ? WHERE id = 1",
                steps.stream().map(e -> new Object[] {e.seq(), e.hash()}).toList());
        return entries;
    }

    /** Whether the database guards the head with the trigger of {@code V3_1} (PostgreSQL; not the H2 default). */
    private boolean headMovesOneStepAtATime() {
        if (stepwiseHead == null) {
            String database = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
            stepwiseHead = !"H2".equals(database);
        }
        return stepwiseHead;
    }

    Head head() {
        return jdbc.queryForObject("SELECT seq, hash FROM cf_audit_head WHERE id = 1",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2)));
    }

    /** Every entry in sequence order, read in batches (keyset pagination), so a long chain never sits in memory. */
    void forEach(Consumer<AuditEntry> action) {
        long after = 0;
        while (true) {
            List<AuditEntry> batch = jdbc.query(
                    "SELECT * FROM cf_audit_entry WHERE seq > ? ORDER BY seq LIMIT " + BATCH, ROW, after);
            batch.forEach(action);
            if (batch.size() < BATCH) {
                return;
            }
            after = batch.get(batch.size() - 1).seq();
        }
    }

    List<AuditEntry> ofCase(String businessKey) {
        return jdbc.query("SELECT * FROM cf_audit_entry WHERE business_key = ? ORDER BY seq", ROW, businessKey);
    }

    List<AuditEntry> ofProcessInstance(String processInstanceId) {
        return jdbc.query("SELECT * FROM cf_audit_entry WHERE process_instance_id = ? ORDER BY seq", ROW,
                processInstanceId);
    }

    static final RowMapper<AuditEntry> ROW = (rs, n) -> new AuditEntry(
            rs.getLong("seq"),
            rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
            rs.getString("actor"),
            rs.getString("office"),
            rs.getString("business_key"),
            rs.getString("process_instance_id"),
            rs.getString("action"),
            rs.getString("details"),
            rs.getString("prev_hash"),
            rs.getString("hash"));
}
