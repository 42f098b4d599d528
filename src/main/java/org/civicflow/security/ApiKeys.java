package org.civicflow.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * API keys of external systems, kept only as SHA-256 hashes in {@code cf_api_key}. A key belongs to one client and one
 * scope: {@link #API} for {@code /api/v1} (header {@code X-API-Key}), {@link #OPEN311} for Open311's {@code api_key}.
 */
@Component
public class ApiKeys {

    public static final String API = "api";
    public static final String OPEN311 = "open311";

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiKeys(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    /** The client a key belongs to, if the key is known, not revoked and of this scope. */
    public Optional<String> clientOf(String key, String scope) {
        if (key == null || key.isBlank() || key.length() > 256) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT client_id FROM cf_api_key WHERE key_hash = :hash AND scope = :scope AND revoked_at IS NULL")
                .param("hash", sha256(key.strip()))
                .param("scope", scope)
                .query(String.class)
                .optional();
    }

    /** Registers a key (idempotent: an existing key keeps its client). */
    public void register(String key, String clientId, String scope) {
        String hash = sha256(key);
        Integer known = jdbc.sql("SELECT COUNT(*) FROM cf_api_key WHERE key_hash = :hash").param("hash", hash)
                .query(Integer.class).single();
        if (known == 0) {
            jdbc.sql("INSERT INTO cf_api_key (key_hash, client_id, scope, created_at) VALUES (:hash, :client, :scope, :at)")
                    .param("hash", hash).param("client", clientId).param("scope", scope)
                    .param("at", OffsetDateTime.now(clock)).update();
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
