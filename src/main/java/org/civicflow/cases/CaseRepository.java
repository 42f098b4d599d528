package org.civicflow.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.civicflow.config.DatabaseSequences;
import org.civicflow.config.TransactionScoped;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Plain SQL over {@code cf_case} and {@code cf_case_event}, portable between H2 and PostgreSQL. */
@Repository
class CaseRepository {

    private static final String SEQUENCE = "cf_case_number_seq";

    private final JdbcClient jdbc;
    private final DataFieldMaxValueIncrementer caseNumbers;

    CaseRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.caseNumbers = DatabaseSequences.of(dataSource, SEQUENCE);
    }

    long nextCaseNumber() {
        return caseNumbers.nextLongValue();
    }

    void insert(CaseRecord c) {
        changing(c.businessKey());
        jdbc.sql("""
                INSERT INTO cf_case (business_key, category, sla_class, status, phase, description, channel, external_id,
                    district_code, subdistrict_code, office_group, latitude, longitude, address, division_code,
                    reporter_name, reporter_phone, reporter_email, process_instance_id, created_at, updated_at)
                VALUES (:businessKey, :category, :slaClass, :status, :phase, :description, :channel, :externalId,
                    :districtCode, :subdistrictCode, :officeGroup, :latitude, :longitude, :address, :divisionCode,
                    :reporterName, :reporterPhone, :reporterEmail, :processInstanceId, :createdAt, :updatedAt)
                """)
                .param("businessKey", c.businessKey())
                .param("category", c.category())
                .param("slaClass", c.slaClass())
                .param("status", c.status().name())
                .param("phase", c.phase().name())
                .param("description", c.description())
                .param("channel", c.channel())
                .param("externalId", c.externalId())
                .param("districtCode", c.districtCode())
                .param("subdistrictCode", c.subdistrictCode())
                .param("officeGroup", c.officeGroup())
                .param("latitude", c.latitude())
                .param("longitude", c.longitude())
                .param("address", c.address())
                .param("divisionCode", c.divisionCode())
                .param("reporterName", c.reporter().name())
                .param("reporterPhone", c.reporter().phone())
                .param("reporterEmail", c.reporter().email())
                .param("processInstanceId", c.processInstanceId())
                .param("createdAt", c.createdAt())
                .param("updatedAt", c.updatedAt())
                .update();
    }

    void updateStatus(String businessKey, CaseStatus status, String officeGroup, OffsetDateTime at) {
        changing(businessKey);
        jdbc.sql("""
                UPDATE cf_case SET status = :status, phase = :phase, office_group = COALESCE(:office, office_group),
                    updated_at = :at, closed_at = CASE WHEN :closed THEN :at ELSE closed_at END
                WHERE business_key = :key
                """)
                .param("status", status.name())
                .param("phase", status.phase().name())
                .param("office", officeGroup)
                .param("at", at)
                .param("closed", status == CaseStatus.CLOSED)
                .param("key", businessKey)
                .update();
    }

    void updateRouting(String businessKey, String processInstanceId, String slaClass, String districtCode,
                       String subdistrictCode, OffsetDateTime at) {
        changing(businessKey);
        jdbc.sql("""
                UPDATE cf_case SET process_instance_id = :pi, sla_class = :sla, district_code = :district,
                    subdistrict_code = :subdistrict, updated_at = :at
                WHERE business_key = :key
                """)
                .param("pi", processInstanceId).param("sla", slaClass).param("district", districtCode)
                .param("subdistrict", subdistrictCode).param("at", at).param("key", businessKey)
                .update();
    }

    void updateJurisdiction(String businessKey, String districtCode, String subdistrictCode, OffsetDateTime at) {
        changing(businessKey);
        jdbc.sql("""
                UPDATE cf_case SET district_code = :district, subdistrict_code = :subdistrict, updated_at = :at
                WHERE business_key = :key
                """)
                .param("district", districtCode).param("subdistrict", subdistrictCode).param("at", at).param("key", businessKey)
                .update();
    }

    void updateSlaClass(String businessKey, String slaClass, OffsetDateTime at) {
        changing(businessKey);
        jdbc.sql("UPDATE cf_case SET sla_class = :sla, updated_at = :at WHERE business_key = :key")
                .param("sla", slaClass).param("at", at).param("key", businessKey)
                .update();
    }

    List<CaseRecord> openCasesIn(String divisionCode) {
        String where = divisionCode.length() == 9 ? " AND subdistrict_code = :division"
                : "500000".equals(divisionCode) ? "" : " AND district_code = :division";
        var statement = jdbc.sql("SELECT * FROM cf_case WHERE phase <> 'CLOSED'" + where + " ORDER BY created_at, business_key");
        if (!where.isEmpty()) {
            statement = statement.param("division", divisionCode);
        }
        return statement.query(CASE_ROW).list();
    }

    /**
     * The newest cases of a category in a district and a box. The ORDER BY names the columns of
     * {@code cf_case_nearby_idx} as they are in the index (the first two are fixed by the WHERE), so that H2 reads that
     * index newest first and stops at the limit instead of reading and sorting the whole window.
     */
    static final String LOCATED_CASES = """
            SELECT business_key, category, latitude, longitude, created_at, hotspot_reported_by, hotspot_reported_at
            FROM cf_case WHERE category = :category AND created_at >= :from AND created_at <= :to
                AND district_code = :district AND latitude BETWEEN :minLat AND :maxLat
                AND longitude BETWEEN :minLon AND :maxLon
            ORDER BY category, district_code, created_at DESC
            LIMIT :limit
            """;

    /** The newest {@code limit} cases of a category in a district and a box ({@link #LOCATED_CASES}), oldest first. */
    List<NearbyCase> locatedCases(String category, String districtCode, OffsetDateTime from, OffsetDateTime to,
                                  double minLat, double maxLat, double minLon, double maxLon, int limit) {
        List<NearbyCase> newestFirst = jdbc.sql(LOCATED_CASES)
                .param("category", category).param("from", from).param("to", to).param("district", districtCode)
                .param("minLat", minLat).param("maxLat", maxLat).param("minLon", minLon).param("maxLon", maxLon)
                .param("limit", limit)
                .query((rs, row) -> new NearbyCase(rs.getString("business_key"), rs.getString("category"),
                        rs.getDouble("latitude"), rs.getDouble("longitude"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getString("hotspot_reported_by"),
                        rs.getObject("hotspot_reported_at", OffsetDateTime.class)))
                .list();
        List<NearbyCase> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    void markHotspot(String businessKey, String reportedBy, OffsetDateTime reportedAt) {
        jdbc.sql("""
                UPDATE cf_case SET hotspot_reported_by = :by, hotspot_reported_at = :at WHERE business_key = :key
                """)
                .param("by", reportedBy).param("at", reportedAt).param("key", businessKey)
                .update();
    }

    void updateOutcome(String businessKey, String outcome, String satisfaction, OffsetDateTime at) {
        changing(businessKey);
        jdbc.sql("""
                UPDATE cf_case SET outcome = COALESCE(:outcome, outcome), satisfaction = COALESCE(:satisfaction, satisfaction),
                    updated_at = :at WHERE business_key = :key
                """)
                .param("outcome", outcome).param("satisfaction", satisfaction).param("at", at).param("key", businessKey)
                .update();
    }

    /** The case as this transaction last read or wrote it: read from the table at most once per write. */
    Optional<CaseRecord> find(String businessKey) {
        Map<String, CaseRecord> read = ReadInThisTransaction.cases();
        CaseRecord known = read == null ? null : read.get(businessKey);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<CaseRecord> found = jdbc.sql("SELECT * FROM cf_case WHERE business_key = :key")
                .param("key", businessKey)
                .query(CASE_ROW)
                .optional();
        if (read != null) {
            found.ifPresent(c -> read.put(businessKey, c));
        }
        return found;
    }

    /** The cases with these keys, read from the table (for many cases at once, outside the per-transaction reads). */
    List<CaseRecord> findAll(Collection<String> businessKeys) {
        return jdbc.sql("SELECT * FROM cf_case WHERE business_key IN (:keys)")
                .param("keys", businessKeys)
                .query(CASE_ROW)
                .list();
    }

    /** Forgets what this transaction read of a case it is about to change. */
    private static void changing(String businessKey) {
        Map<String, CaseRecord> read = ReadInThisTransaction.cases();
        if (read != null) {
            read.remove(businessKey);
        }
    }

    /**
     * The cases the current transaction has read. One command reads its case many times (an intake a dozen: the
     * routing, the listeners of each case event, the mails), and each read was a query. Every write of {@code cf_case}
     * goes through this repository and drops the case first, so what is kept is what the transaction would read.
     */
    private static final class ReadInThisTransaction implements TransactionSynchronization {

        private final Map<String, CaseRecord> cases = new HashMap<>();

        /** This transaction's cases, or null outside a transaction. */
        static Map<String, CaseRecord> cases() {
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                return null;
            }
            return TransactionScoped.synchronization(ReadInThisTransaction.class, r -> true, ReadInThisTransaction::new).cases;
        }
    }

    long insertEvent(String businessKey, OffsetDateTime at, CaseEventType type, String actor, CaseStatus from, CaseStatus to,
                     String officeGroup, String reason, String details) {
        var keyHolder = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO cf_case_event (business_key, occurred_at, type, actor, from_status, to_status, office_group, reason, details)
                VALUES (:key, :at, :type, :actor, :from, :to, :office, :reason, :details)
                """)
                .param("key", businessKey)
                .param("at", at)
                .param("type", type.name())
                .param("actor", actor)
                .param("from", from == null ? null : from.name())
                .param("to", to == null ? null : to.name())
                .param("office", officeGroup)
                .param("reason", truncate(reason, 2000))
                .param("details", truncate(details, 8000))
                .update(keyHolder, "id");
        return keyHolder.getKeyAs(Number.class).longValue();
    }

    List<CaseEvent> events(String businessKey) {
        return jdbc.sql("SELECT * FROM cf_case_event WHERE business_key = :key ORDER BY id")
                .param("key", businessKey)
                .query(EVENT_ROW)
                .list();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static final RowMapper<CaseRecord> CASE_ROW = (rs, n) -> new CaseRecord(
            rs.getString("business_key"),
            rs.getString("category"),
            rs.getString("sla_class"),
            CaseStatus.valueOf(rs.getString("status")),
            rs.getString("description"),
            rs.getString("channel"),
            rs.getString("external_id"),
            rs.getString("district_code"),
            rs.getString("subdistrict_code"),
            rs.getString("office_group"),
            nullableDouble(rs, "latitude"),
            nullableDouble(rs, "longitude"),
            rs.getString("address"),
            rs.getString("division_code"),
            new CaseRecord.Reporter(rs.getString("reporter_name"), rs.getString("reporter_phone"), rs.getString("reporter_email")),
            rs.getString("process_instance_id"),
            rs.getString("outcome"),
            rs.getString("satisfaction"),
            rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class),
            rs.getObject("closed_at", OffsetDateTime.class));

    private static final RowMapper<CaseEvent> EVENT_ROW = (rs, n) -> new CaseEvent(
            rs.getLong("id"),
            rs.getString("business_key"),
            rs.getObject("occurred_at", OffsetDateTime.class),
            CaseEventType.valueOf(rs.getString("type")),
            rs.getString("actor"),
            statusOrNull(rs.getString("from_status")),
            statusOrNull(rs.getString("to_status")),
            rs.getString("office_group"),
            rs.getString("reason"),
            rs.getString("details"));

    private static CaseStatus statusOrNull(String s) {
        return s == null ? null : CaseStatus.valueOf(s);
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
