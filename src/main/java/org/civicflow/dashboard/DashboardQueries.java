package org.civicflow.dashboard;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The dashboard's two aggregates and its case list, all over {@code cf_case_figures} (see {@link CaseFigures}). */
@Component
class DashboardQueries {

    private final JdbcClient jdbc;

    DashboardQueries(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Open, overdue and escalated cases now, per district. */
    record Current(long open, long overdue, long escalated) {
    }

    /** Cases submitted in the period and what became of them, per district. */
    record Period(long cases, long respondedInTime, long responseDecided, long replied, long resolved, long calledBack,
                  long satisfied) {
    }

    record CaseRow(String businessKey, String category, String status, String officeGroup, OffsetDateTime createdAt,
                   OffsetDateTime handlingDueAt, boolean overdue, int breaches, String processInstanceId) {
    }

    /** @param districts only these districts; {@code null} for all */
    Map<String, Current> current(OffsetDateTime now, java.util.Set<String> districts) {
        Map<String, Current> byDistrict = new HashMap<>();
        jdbc.sql("""
                SELECT district_code, COUNT(*),
                  SUM(CASE WHEN replied_at IS NULL AND handling_due_at < :now THEN 1 ELSE 0 END),
                  SUM(CASE WHEN breaches > 0 THEN 1 ELSE 0 END)
                FROM cf_case_figures WHERE is_open = TRUE AND district_code IS NOT NULL%s GROUP BY district_code"""
                .formatted(districts == null ? "" : " AND district_code IN (:districts)"))
                .params(districts == null ? Map.of("now", now) : Map.of("now", now, "districts", districts))
                .query((rs, n) -> byDistrict.put(rs.getString(1), new Current(rs.getLong(2), rs.getLong(3), rs.getLong(4))))
                .list();
        return byDistrict;
    }

    /** @param districts only these districts; {@code null} for all */
    Map<String, Period> period(OffsetDateTime from, OffsetDateTime to, OffsetDateTime now, java.util.Set<String> districts) {
        Map<String, Period> byDistrict = new HashMap<>();
        jdbc.sql("""
                SELECT district_code, COUNT(*),
                  SUM(CASE WHEN responded_in_time = TRUE THEN 1 ELSE 0 END),
                  SUM(CASE WHEN responded_in_time IS NOT NULL OR (signed_at IS NULL AND sign_for_due_at < :now) THEN 1 ELSE 0 END),
                  SUM(CASE WHEN replied_at IS NOT NULL THEN 1 ELSE 0 END),
                  SUM(CASE WHEN replied_at IS NOT NULL AND resolved = TRUE THEN 1 ELSE 0 END),
                  SUM(CASE WHEN satisfied IS NOT NULL THEN 1 ELSE 0 END),
                  SUM(CASE WHEN satisfied = TRUE THEN 1 ELSE 0 END)
                FROM cf_case_figures WHERE created_at >= :from AND created_at < :to AND district_code IS NOT NULL%s
                GROUP BY district_code""".formatted(districts == null ? "" : " AND district_code IN (:districts)"))
                .param("from", from).param("to", to).param("now", now)
                .params(districts == null ? Map.of() : Map.of("districts", districts))
                .query((rs, n) -> byDistrict.put(rs.getString(1), new Period(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8))))
                .list();
        return byDistrict;
    }

    /** A district's open cases that are overdue or were escalated to a supervisor, most overdue first. */
    List<CaseRow> escalatedOrOverdue(String districtCode, OffsetDateTime now, int limit) {
        return jdbc.sql("""
                SELECT f.business_key, c.category, c.status, c.office_group, f.created_at, f.handling_due_at,
                  CASE WHEN f.replied_at IS NULL AND f.handling_due_at < :now THEN TRUE ELSE FALSE END AS overdue,
                  f.breaches, c.process_instance_id
                FROM cf_case_figures f JOIN cf_case c ON c.business_key = f.business_key
                WHERE f.is_open = TRUE AND f.district_code = :district
                  AND (f.breaches > 0 OR (f.replied_at IS NULL AND f.handling_due_at < :now))
                ORDER BY f.handling_due_at, f.business_key FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .param("now", now).param("district", districtCode)
                .query((rs, n) -> new CaseRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getBoolean(7),
                        rs.getInt(8), rs.getString(9)))
                .list();
    }
}
