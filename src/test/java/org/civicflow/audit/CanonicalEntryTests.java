package org.civicflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The canonical form and the hash, including the worked example printed in docs/audit.md (keep them in step). */
class CanonicalEntryTests {

    static final String WORKED_DETAILS = "{\"caseEventId\":42,\"fromStatus\":\"DISPATCHED\",\"reason\":\"签收 signed for\",\"toStatus\":\"IN_PROGRESS\"}";
    static final String WORKED_CANONICAL = "{\"action\":\"CASE_STATUS_CHANGED\",\"actor\":\"500103003-handler\","
            + "\"businessKey\":\"CQ-2026-000123\",\"details\":" + WORKED_DETAILS + ",\"office\":\"500103003-handler\","
            + "\"processInstanceId\":\"8f1c2d3e-0000-11f1-9a3b-0242ac120002\",\"seq\":2,"
            + "\"timestamp\":\"2026-03-02T01:30:00.123456Z\"}";
    static final String WORKED_PREV = "3f0a3c1e5b0d6a8e9c2f4b7d1a0e6c3b5d8f2a4c6e1b3d5f7a9c0e2b4d6f8a1c";
    static final String WORKED_HASH = "47dfae5b0ced58c5e3c1385bdc45e99150113ae835fe1e161fdc5d068f4a8bf4";

    @Test
    void detailsAreWrittenWithSortedKeysNoWhitespaceAndMinimalEscapes() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("toStatus", "IN_PROGRESS");
        details.put("reason", "签收 signed for");
        details.put("fromStatus", "DISPATCHED");
        details.put("caseEventId", 42);

        assertThat(CanonicalJson.of(details)).isEqualTo(WORKED_DETAILS);
        assertThat(CanonicalJson.of(Map.of("b", List.of(1, 2.50, -0.001, true), "a", "line\nbreak \"q\" \\ / \u0001")))
                .isEqualTo("{\"a\":\"line\\nbreak \\\"q\\\" \\\\ / \\u0001\",\"b\":[1,2.5,-0.001,true]}");
        assertThat(CanonicalJson.canonicalise("{ \"z\" : 1e3, \"a\" : { \"y\": null, \"x\": 100.0 } }"))
                .isEqualTo("{\"a\":{\"x\":100,\"y\":null},\"z\":1000}");
        assertThatThrownBy(() -> CanonicalJson.of(Map.of("x", Double.NaN))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWorkedExampleOfDocsAuditMd() throws Exception {
        AuditEntry entry = new AuditEntry(2, Instant.parse("2026-03-02T01:30:00.123456Z"), "500103003-handler",
                "500103003-handler", "CQ-2026-000123", "8f1c2d3e-0000-11f1-9a3b-0242ac120002", "CASE_STATUS_CHANGED",
                WORKED_DETAILS, WORKED_PREV, null);

        assertThat(entry.canonical()).isEqualTo(WORKED_CANONICAL);
        // the same with nothing but SHA-256 over the two texts
        String independent = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((WORKED_PREV + WORKED_CANONICAL).getBytes(StandardCharsets.UTF_8)));
        assertThat(AuditEntry.hash(WORKED_PREV, entry.canonical())).isEqualTo(independent).isEqualTo(WORKED_HASH);
    }
}
