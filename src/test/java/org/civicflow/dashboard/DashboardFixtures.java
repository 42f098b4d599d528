package org.civicflow.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;

import org.civicflow.api.ApiClients;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/** Cases for the dashboard tests: real cases through the API, made overdue or escalated as time and a breach would. */
public final class DashboardFixtures {

    static final String NOISE_IN_JIEFANGBEI = """
            {"category":"noise","description":"广场舞音响太吵 dashboard test","location":{"lat":29.5575,"lon":106.5770},
             "address":"渝中区解放碑街道民族路188号","reporter":{"name":"张三","phone":"13800000000"},"channel":"web"}
            """;

    private DashboardFixtures() {
    }

    /** A new case in 渝中区 (dispatched to 解放碑街道), its business key. */
    @SuppressWarnings("unchecked")
    public static String yuzhongCase(int port) {
        Map<String, Object> created = ApiClients.demoClient(port).post().uri("/api/v1/cases")
                .contentType(MediaType.APPLICATION_JSON).body(NOISE_IN_JIEFANGBEI.getBytes(StandardCharsets.UTF_8))
                .retrieve().body(Map.class);
        return (String) created.get("businessKey");
    }

    /** As if the office signed for the case long ago and its handling deadline passed yesterday. */
    public static void makeOverdue(JdbcTemplate jdbc, String businessKey) {
        OffsetDateTime now = OffsetDateTime.now();
        int updated = jdbc.update("UPDATE cf_case_figures SET signed_at = ?, responded_in_time = TRUE, handling_due_at = ? "
                + "WHERE business_key = ?", now.minusDays(20), now.minusDays(1), businessKey);
        if (updated != 1) {
            throw new IllegalStateException("no dashboard figures for " + businessKey);
        }
    }

    /** As if a deadline of the case had passed and it went to the supervisor above. */
    public static void markEscalated(JdbcTemplate jdbc, String businessKey) {
        jdbc.update("UPDATE cf_case_figures SET breaches = breaches + 1 WHERE business_key = ?", businessKey);
    }
}
