package org.civicflow.api;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseRows;
import org.civicflow.cases.CaseStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read side of the case table for the APIs: filtered, paged lists straight from {@code cf_case} (indexed on phase,
 * status, office, category and creation time), without touching the engine.
 */
@Component
public class CaseQueries {

    private final JdbcClient jdbc;

    CaseQueries(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * What to list; every part optional. {@code from} inclusive, {@code to} exclusive, on the creation time.
     *
     * @param statuses     case statuses (any of)
     * @param phases       phases (any of), combined with {@code statuses} by AND
     * @param businessKeys business keys (any of)
     */
    public record Filter(List<CaseStatus> statuses, List<String> phases, String office, String category,
                         OffsetDateTime from, OffsetDateTime to, List<String> businessKeys) {

        public Filter {
            statuses = statuses == null ? List.of() : List.copyOf(statuses);
            phases = phases == null ? List.of() : List.copyOf(phases);
            businessKeys = businessKeys == null ? List.of() : List.copyOf(businessKeys);
        }
    }

    public List<CaseRecord> list(Filter filter, long offset, int limit) {
        Where where = where(filter);
        return jdbc.sql("SELECT * FROM cf_case" + where.sql + " ORDER BY created_at DESC, business_key DESC"
                        + " OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY")
                .params(where.params)
                .query(CASE_ROW)
                .list();
    }

    public long count(Filter filter) {
        Where where = where(filter);
        return jdbc.sql("SELECT COUNT(*) FROM cf_case" + where.sql).params(where.params).query(Long.class).single();
    }

    private record Where(String sql, Map<String, Object> params) {
    }

    private static Where where(Filter f) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (!f.statuses().isEmpty()) {
            clauses.add("status IN (:statuses)");
            params.put("statuses", f.statuses().stream().map(Enum::name).toList());
        }
        if (!f.phases().isEmpty()) {
            clauses.add("phase IN (:phases)");
            params.put("phases", f.phases());
        }
        if (f.office() != null) {
            clauses.add("office_group = :office");
            params.put("office", f.office());
        }
        if (f.category() != null) {
            clauses.add("category = :category");
            params.put("category", f.category());
        }
        if (f.from() != null) {
            clauses.add("created_at >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            clauses.add("created_at < :to");
            params.put("to", f.to());
        }
        if (!f.businessKeys().isEmpty()) {
            clauses.add("business_key IN (:keys)");
            params.put("keys", f.businessKeys());
        }
        return new Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
    }

    static final RowMapper<CaseRecord> CASE_ROW = CaseRows.CASE_RECORD;
}
