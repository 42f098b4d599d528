package org.civicflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chain on a database of its own (H2, no application context): an intact chain verifies, and a row changed,
 * removed or slipped in through plain JDBC — as someone with database access could — is found at the right place.
 */
class ChainTamperingTests {

    AuditDatabase db;

    @BeforeEach
    void aChainOfTenEntries() {
        db = AuditDatabase.h2("tamper-" + UUID.randomUUID());
        db.appendSome(10);
    }

    @Test
    void anIntactChainVerifiesWithItsHeadAndCount() {
        ChainVerification result = db.verify();

        assertThat(result.valid()).isTrue();
        assertThat(result.entries()).isEqualTo(10);
        assertThat(result.firstBrokenSeq()).isNull();
        assertThat(result.head()).isEqualTo(db.jdbc.queryForObject("SELECT hash FROM cf_audit_entry WHERE seq = 10", String.class));
    }

    @Test
    void entriesLinkToTheirPredecessorsFromTheGenesisHash() {
        assertThat(db.jdbc.queryForObject("SELECT prev_hash FROM cf_audit_entry WHERE seq = 1", String.class))
                .isEqualTo(AuditEntry.GENESIS);
        for (long seq = 2; seq <= 10; seq++) {
            assertThat(db.jdbc.queryForObject("SELECT prev_hash FROM cf_audit_entry WHERE seq = ?", String.class, seq))
                    .isEqualTo(db.jdbc.queryForObject("SELECT hash FROM cf_audit_entry WHERE seq = ?", String.class, seq - 1));
        }
    }

    @Test
    void anUpdatedDetailIsFoundAtItsEntry() {
        db.jdbc.update("UPDATE cf_audit_entry SET details = ? WHERE seq = 4", "{\"n\":4,\"note\":\"无\"}");

        ChainVerification result = db.verify();

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(4);
        assertThat(result.entries()).isEqualTo(10);
    }

    @Test
    void anUpdatedActorWithARecomputedHashBreaksTheNextLink() {
        AuditEntry original = db.ledger.ofCase("CQ-2026-000001").get(1); // seq 4
        AuditEntry forged = new AuditEntry(original.seq(), original.timestamp(), "someone-else", original.office(),
                original.businessKey(), original.processInstanceId(), original.action(), original.details(),
                original.prevHash(), null);
        String forgedHash = AuditEntry.hash(original.prevHash(), forged.canonical());
        db.jdbc.update("UPDATE cf_audit_entry SET actor = ?, hash = ? WHERE seq = ?", "someone-else", forgedHash, original.seq());

        assertThat(db.verify().firstBrokenSeq()).isEqualTo(original.seq() + 1);
    }

    @Test
    void aDeletedRowIsFoundAtItsMissingNumber() {
        db.jdbc.update("DELETE FROM cf_audit_entry WHERE seq = 7");

        ChainVerification result = db.verify();

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(7);
        assertThat(result.entries()).isEqualTo(9);
    }

    @Test
    void aDeletedLastRowIsFoundAgainstTheHead() {
        db.jdbc.update("DELETE FROM cf_audit_entry WHERE seq = 10");

        assertThat(db.verify().firstBrokenSeq()).isEqualTo(10);
    }

    @Test
    void aForgedRowInsertedAfterTheHeadIsFoundEvenWithACorrectHash() {
        String prev = db.jdbc.queryForObject("SELECT hash FROM cf_audit_entry WHERE seq = 10", String.class);
        String details = CanonicalJson.of(Map.of("n", 11, "note", "forged"));
        AuditEntry forged = new AuditEntry(11, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                "intruder", null, "CQ-2026-000001", null, "TEST_ENTRY", details, prev, null);
        String hash = AuditEntry.hash(prev, forged.canonical());
        db.jdbc.update("""
                INSERT INTO cf_audit_entry (seq, recorded_at, actor, office, business_key, process_instance_id, action,
                    details, prev_hash, hash) VALUES (11, ?, 'intruder', NULL, 'CQ-2026-000001', NULL, 'TEST_ENTRY', ?, ?, ?)
                """, forged.timestamp().atOffset(java.time.ZoneOffset.UTC), details, prev, hash);

        ChainVerification result = db.verify();

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(11);
        assertThat(result.entries()).isEqualTo(11);
    }

    @Test
    void aRowInsertedIntoTheMiddleByRenumberingIsFoundWhereTheNumbersShift() {
        // make room at 6 by moving 6..10 up one, then slip a row in with a plausible prev hash
        for (long seq = 10; seq >= 6; seq--) {
            db.jdbc.update("UPDATE cf_audit_entry SET seq = ? WHERE seq = ?", seq + 1, seq);
        }
        String prev = db.jdbc.queryForObject("SELECT hash FROM cf_audit_entry WHERE seq = 5", String.class);
        db.jdbc.update("""
                INSERT INTO cf_audit_entry (seq, recorded_at, actor, action, details, prev_hash, hash)
                VALUES (6, CURRENT_TIMESTAMP, 'intruder', 'TEST_ENTRY', '{}', ?, ?)
                """, prev, "f".repeat(64));

        assertThat(db.verify().firstBrokenSeq()).isEqualTo(6);
    }
}
