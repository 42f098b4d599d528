package org.civicflow.escalation.incident;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.civicflow.escalation.IncidentType;
import org.civicflow.escalation.ResponseLevel;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.civicflow.config.DatabaseSequences;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Repository;

/** Plain SQL over {@code cf_incident} and the incident links of {@code cf_case_link}, portable between H2 and PostgreSQL. */
@Repository
public class IncidentRepository {

    public static final String LINK_INCIDENT = "incident";
    private static final String SEQUENCE = "cf_incident_number_seq";

    private final JdbcClient jdbc;
    private final DataFieldMaxValueIncrementer numbers;

    IncidentRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.numbers = DatabaseSequences.of(dataSource, SEQUENCE);
    }

    public long nextIncidentNumber() {
        return numbers.nextLongValue();
    }

    public void insert(IncidentRecord i) {
        jdbc.sql("""
                INSERT INTO cf_incident (incident_id, incident_type, response_level, lead_group, division_code, district_code,
                    source, description, status, process_instance_id, created_at, updated_at)
                VALUES (:id, :type, :level, :lead, :division, :district, :source, :description, :status, :pi, :at, :at)
                """)
                .param("id", i.incidentId()).param("type", i.type().code())
                .param("level", i.responseLevel().name()).param("lead", i.leadGroup())
                .param("division", i.divisionCode()).param("district", i.districtCode())
                .param("source", truncate(i.source(), 255)).param("description", truncate(i.description(), 4000))
                .param("status", i.status()).param("pi", i.processInstanceId()).param("at", i.createdAt())
                .update();
    }

    public void attachProcessInstance(String incidentId, String processInstanceId) {
        jdbc.sql("UPDATE cf_incident SET process_instance_id = :pi WHERE incident_id = :id")
                .param("pi", processInstanceId).param("id", incidentId).update();
    }

    void updateLevel(String incidentId, ResponseLevel level, String leadGroup, OffsetDateTime at) {
        jdbc.sql("UPDATE cf_incident SET response_level = :level, lead_group = :lead, updated_at = :at WHERE incident_id = :id")
                .param("level", level.name()).param("lead", leadGroup).param("at", at).param("id", incidentId).update();
    }

    void close(String incidentId, OffsetDateTime at) {
        jdbc.sql("UPDATE cf_incident SET status = :closed, updated_at = :at, closed_at = :at WHERE incident_id = :id")
                .param("closed", IncidentRecord.CLOSED).param("at", at).param("id", incidentId).update();
    }

    public Optional<IncidentRecord> find(String incidentId) {
        return jdbc.sql("SELECT * FROM cf_incident WHERE incident_id = :id").param("id", incidentId).query(ROW).optional();
    }

    public void link(String businessKey, String incidentId, String reason, OffsetDateTime at) {
        jdbc.sql("""
                INSERT INTO cf_case_link (business_key, link_type, target_id, created_at, reason)
                VALUES (:key, :type, :target, :at, :reason)
                """)
                .param("key", businessKey).param("type", LINK_INCIDENT).param("target", incidentId).param("at", at)
                .param("reason", truncate(reason, 2000))
                .update();
    }

    public List<String> linkedCases(String incidentId) {
        return jdbc.sql("SELECT business_key FROM cf_case_link WHERE link_type = :type AND target_id = :id ORDER BY id")
                .param("type", LINK_INCIDENT).param("id", incidentId).query(String.class).list();
    }

    /** The incident still running that the case is linked to, if any (the most recent one). */
    public Optional<IncidentRecord> activeIncidentOf(String businessKey) {
        return jdbc.sql("""
                SELECT i.* FROM cf_incident i JOIN cf_case_link l ON l.target_id = i.incident_id AND l.link_type = :type
                WHERE l.business_key = :key AND i.status = :active ORDER BY l.id DESC
                """)
                .param("type", LINK_INCIDENT).param("key", businessKey).param("active", IncidentRecord.ACTIVE)
                .query(ROW).list().stream().findFirst();
    }

    /** The active incidents linked to open cases in a district (to report what a cancel or expiry leaves running). */
    public List<IncidentRecord> activeIncidentsIn(String districtCode) {
        return jdbc.sql("SELECT * FROM cf_incident WHERE status = :active AND district_code = :district ORDER BY created_at")
                .param("active", IncidentRecord.ACTIVE).param("district", districtCode).query(ROW).list();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static final RowMapper<IncidentRecord> ROW = (rs, n) -> new IncidentRecord(
            rs.getString("incident_id"),
            IncidentType.fromCode(rs.getString("incident_type")).orElseThrow(),
            ResponseLevel.valueOf(rs.getString("response_level")),
            rs.getString("lead_group"),
            rs.getString("division_code"),
            rs.getString("district_code"),
            rs.getString("source"),
            rs.getString("description"),
            rs.getString("status"),
            rs.getString("process_instance_id"),
            rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class),
            rs.getObject("closed_at", OffsetDateTime.class));
}
