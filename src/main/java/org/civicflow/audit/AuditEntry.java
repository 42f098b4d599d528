package org.civicflow.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * One link of the audit chain, as stored. {@code details} is canonical JSON text (see {@link CanonicalJson}).
 *
 * <p>The hash covers everything but itself: {@code hash = SHA-256(prevHash || canonicalEntry)} where both parts are
 * UTF-8 bytes, {@code prevHash} the previous entry's hash as 64 lower-case hex digits (64 zeros before the first
 * entry) and {@code canonicalEntry} the canonical JSON object of the other fields ({@link #canonical()}).
 */
public record AuditEntry(
        long seq,
        Instant timestamp,
        String actor,
        String office,
        String businessKey,
        String processInstanceId,
        String action,
        String details,
        String prevHash,
        String hash) {

    /** The {@code prevHash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** Timestamps in the hash: UTC, always six fractional digits (what both H2 and PostgreSQL store exactly). */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    public String timestampText() {
        return TIMESTAMP.format(timestamp);
    }

    /**
     * The canonical entry: a JSON object with the members action, actor, businessKey, details, office,
     * processInstanceId, seq, timestamp in that (sorted) order, absent values as {@code null}, details inserted as its
     * stored canonical text.
     */
    public String canonical() {
        return canonical(seq, timestampText(), actor, office, businessKey, processInstanceId, action, details);
    }

    /** Whether the stored hash is the hash of this entry's content chained to {@code prev}. */
    public boolean hashMatches(String prev) {
        return hash.equals(hash(prev, canonical()));
    }

    static String canonical(long seq, String timestamp, String actor, String office, String businessKey,
                            String processInstanceId, String action, String canonicalDetails) {
        StringBuilder out = new StringBuilder(canonicalDetails.length() + 256);
        out.append("{\"action\":");
        text(action, out);
        out.append(",\"actor\":");
        text(actor, out);
        out.append(",\"businessKey\":");
        text(businessKey, out);
        out.append(",\"details\":").append(canonicalDetails);
        out.append(",\"office\":");
        text(office, out);
        out.append(",\"processInstanceId\":");
        text(processInstanceId, out);
        out.append(",\"seq\":").append(seq);
        out.append(",\"timestamp\":");
        text(timestamp, out);
        return out.append('}').toString();
    }

    public static String hash(String prevHash, String canonicalEntry) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prevHash.getBytes(StandardCharsets.UTF_8));
            sha256.update(canonicalEntry.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private static void text(String value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else {
            CanonicalJson.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(value), out);
        }
    }
}
