package org.civicflow.api;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.intake.IntakeAdmission;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.civicflow.security.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Submissions made safe to retry with an {@code Idempotency-Key}: the key (per client) is inserted first, in the
 * transaction that creates the case and starts its process, so concurrent retries wait on the key's row and then
 * find the case the first one created. Same key and same body give that case; same key and another body a conflict.
 *
 * <p>A key is remembered for {@code civicflow.api.idempotency-key-ttl} (24 hours by default, like common payment
 * APIs): a retry is a matter of seconds or hours, and the table must not grow for ever. After that the key is free
 * again, and a purge deletes expired keys every {@code civicflow.api.idempotency-purge-interval}.
 */
@Component
class IdempotentIntake {

    /** The outcome: the case, and whether this call created it. */
    record Outcome(CaseRecord record, boolean created) {
    }

    /** The key was used before for another request body. */
    static class KeyReusedException extends RuntimeException {
        KeyReusedException(String key, String businessKey) {
            super("Idempotency-Key '" + key + "' was used for another request (case " + businessKey + ")");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(IdempotentIntake.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final ReentrantLock[] LOCKS = new ReentrantLock[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new ReentrantLock();
        }
    }

    private final IntakeService intake;
    private final IntakeAdmission admission;
    private final CaseService cases;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final ObjectMapper canonical;
    private final Clock clock;
    private final Duration keyTtl;

    IdempotentIntake(IntakeService intake, IntakeAdmission admission, CaseService cases, TransactionTemplate transaction,
                     DataSource dataSource, ObjectMapper json, Clock clock,
                     @Value("${civicflow.api.idempotency-key-ttl:PT24H}") Duration keyTtl) {
        this.intake = intake;
        this.admission = admission;
        this.cases = cases;
        this.transaction = transaction;
        this.jdbc = JdbcClient.create(dataSource);
        this.canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.clock = clock;
        this.keyTtl = keyTtl;
    }

    /** Deletes the keys older than the time-to-live; on several nodes each does it, which is harmless. */
    @Scheduled(initialDelayString = "${civicflow.api.idempotency-purge-interval:PT1H}",
            fixedDelayString = "${civicflow.api.idempotency-purge-interval:PT1H}")
    int purgeExpiredKeys() {
        int purged = jdbc.sql("DELETE FROM cf_idempotency_key WHERE created_at < :cutoff")
                .param("cutoff", cutoff()).update();
        if (purged > 0) {
            log.info("Purged {} idempotency keys older than {}", purged, keyTtl);
        }
        return purged;
    }

    private OffsetDateTime cutoff() {
        return OffsetDateTime.now(clock).minus(keyTtl);
    }

    Outcome submit(Submission submission, String client, String idempotencyKey) {
        if (idempotencyKey == null) {
            return admission.admit(() -> new Outcome(intake.submit(submission, client), true));
        }
        String hash = hash(submission);
        // Same-key requests on this node queue here; across nodes the key's primary key decides (see below).
        ReentrantLock lock = LOCKS[Math.floorMod((client + '\n' + idempotencyKey).hashCode(), LOCKS.length)];
        lock.lock();
        try {
            // the turn is taken once the key is this request's: same-key retries queue on the lock, not in the intake
            return admission.admit(() -> submitOnce(submission, client, idempotencyKey, hash));
        } finally {
            lock.unlock();
        }
    }

    private Outcome submitOnce(Submission submission, String client, String idempotencyKey, String hash) {
        for (int attempt = 1; ; attempt++) {
            Optional<Outcome> earlier = earlier(client, idempotencyKey, hash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            try {
                return transaction.execute(status -> create(submission, client, idempotencyKey, hash));
            } catch (DuplicateKeyException | TransientDataAccessException raced) {
                // Another request with this key held or committed the row first: PostgreSQL waits and reports a
                // duplicate key, H2 a concurrent update. Look again; it has the case, or it rolled back and we retry.
                if (attempt >= MAX_ATTEMPTS) {
                    throw raced;
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(20L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Outcome create(Submission submission, String client, String idempotencyKey, String hash) {
        jdbc.sql("DELETE FROM cf_idempotency_key WHERE client_id = :client AND idempotency_key = :key AND created_at < :cutoff")
                .param("client", client).param("key", idempotencyKey).param("cutoff", cutoff()).update();
        jdbc.sql("""
                INSERT INTO cf_idempotency_key (client_id, idempotency_key, request_hash, created_at)
                VALUES (:client, :key, :hash, :at)
                """)
                .param("client", client).param("key", idempotencyKey).param("hash", hash)
                .param("at", OffsetDateTime.now(clock)).update();
        CaseRecord record = intake.submit(submission, client);
        jdbc.sql("UPDATE cf_idempotency_key SET business_key = :bk WHERE client_id = :client AND idempotency_key = :key")
                .param("bk", record.businessKey()).param("client", client).param("key", idempotencyKey).update();
        return new Outcome(record, true);
    }

    private Optional<Outcome> earlier(String client, String key, String hash) {
        return jdbc.sql("""
                        SELECT request_hash, business_key FROM cf_idempotency_key
                        WHERE client_id = :client AND idempotency_key = :key AND created_at >= :cutoff
                        """)
                .param("client", client).param("key", key).param("cutoff", cutoff())
                .query((rs, n) -> Map.entry(rs.getString("request_hash"), rs.getString("business_key")))
                .optional()
                .map(row -> {
                    if (!row.getKey().equals(hash)) {
                        throw new KeyReusedException(key, row.getValue());
                    }
                    return new Outcome(cases.find(row.getValue()).orElseThrow(), false);
                });
    }

    /** SHA-256 of the submission as canonical JSON, so whitespace and key order do not make another request. */
    private String hash(Submission s) {
        try {
            Map<String, Object> tree = new TreeMap<>(canonical.convertValue(s, Map.class));
            return ApiKeys.sha256(canonical.writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
