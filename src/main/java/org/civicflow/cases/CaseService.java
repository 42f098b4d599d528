package org.civicflow.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The case record: creates cases and records every transition as an event (who, when, from → to, why).
 *
 * <p>Every method joins the caller's transaction, so a transition recorded from a process step commits or rolls
 * back together with the engine's own changes.
 */
@Service("caseRecordService") // "caseService" is Camunda's CMMN service bean
@Transactional
public class CaseService {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final String SYSTEM_ACTOR = "system";
    /** Fewer metres than any degree of latitude has (110.6–111.7 km), so a box made with it holds the circle. */
    private static final double METRES_PER_DEGREE_LATITUDE = 110_000;

    private final CaseRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CaseService(CaseRepository repository, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    /** A new readable business key, e.g. {@code CQ-2026-000123}: the year of submission (Beijing time) and a sequence. */
    public String newBusinessKey() {
        return "CQ-%d-%06d".formatted(now().getYear(), repository.nextCaseNumber());
    }

    /** Stores a new case in status {@link CaseStatus#SUBMITTED} with its first event. */
    public CaseRecord create(NewCase c, String actor) {
        OffsetDateTime at = now();
        CaseRecord record = new CaseRecord(c.businessKey(), c.category(), null, CaseStatus.SUBMITTED, c.description(),
                c.channel(), c.externalId(), null, null, null, c.latitude(), c.longitude(), c.address(), c.divisionCode(),
                c.reporter(), null, null, null, at, at, null);
        repository.insert(record);
        record(c.businessKey(), at, CaseEventType.SUBMITTED, actor, null, CaseStatus.SUBMITTED, null,
                "received via " + c.channel(), null);
        return record;
    }

    /**
     * Records the classification and jurisdiction decided for the case (no status change), and the process instance
     * that decided it: the case knows its instance before its first routing event, so that event's listeners do too.
     */
    public void routed(String businessKey, String processInstanceId, String slaClass, String districtCode,
                       String subdistrictCode, String reason, String details) {
        OffsetDateTime at = now();
        repository.updateRouting(businessKey, processInstanceId, slaClass, districtCode, subdistrictCode, at);
        CaseStatus current = require(businessKey).status();
        record(businessKey, at, CaseEventType.ROUTED, SYSTEM_ACTOR, current, current, null, reason, details);
    }

    /** Moves the case to a new status and office, recording who moved it and why. */
    public void transition(String businessKey, CaseStatus to, String officeGroup, String actor, String reason) {
        transition(businessKey, CaseEventType.STATUS_CHANGED, to, officeGroup, actor, reason);
    }

    public void transition(String businessKey, CaseEventType type, CaseStatus to, String officeGroup, String actor,
                           String reason) {
        OffsetDateTime at = now();
        CaseStatus from = require(businessKey).status();
        repository.updateStatus(businessKey, to, officeGroup, at);
        record(businessKey, at, type, actor, from, to, officeGroup, reason, null);
    }

    /**
     * Records something that happened to the case without moving it (a reminder, a breach, a mail): the event keeps
     * the current status as both from and to.
     */
    public void note(String businessKey, CaseEventType type, String officeGroup, String actor, String reason,
                     String details) {
        CaseStatus current = require(businessKey).status();
        record(businessKey, now(), type, actor, current, current, officeGroup, reason, details);
    }

    /** The dispatcher decided the district or subdistrict; the status change follows with the next task. */
    public void assignJurisdiction(String businessKey, String districtCode, String subdistrictCode) {
        repository.updateJurisdiction(businessKey, districtCode, subdistrictCode, now());
    }

    /** Records an event that changes no status, e.g. more information from the citizen; returns it. */
    public CaseEvent note(String businessKey, CaseEventType type, String actor, String reason, String details) {
        OffsetDateTime at = now();
        CaseRecord c = require(businessKey);
        String who = actor == null || actor.isBlank() ? SYSTEM_ACTOR : actor;
        long id = repository.insertEvent(businessKey, at, type, who, c.status(), c.status(), c.officeGroup(), reason, details);
        CaseEvent event = new CaseEvent(id, businessKey, at, type, who, c.status(), c.status(), c.officeGroup(), reason, details);
        events.publishEvent(new CaseTransitioned(event));
        return event;
    }

    public void recordOutcome(String businessKey, String outcome, String satisfaction) {
        repository.updateOutcome(businessKey, outcome, satisfaction, now());
    }

    /**
     * Raises the case's SLA class (escalation never lowers it) and records why, with the evaluation's details (rule-set
     * version, fired rules) for the audit trail.
     */
    public void raiseSlaClass(String businessKey, String slaClass, String actor, String reason, String details) {
        OffsetDateTime at = now();
        repository.updateSlaClass(businessKey, slaClass, at);
        CaseStatus current = require(businessKey).status();
        record(businessKey, at, CaseEventType.ESCALATED, actor, current, current, null, reason, details);
    }

    /** Records something that happened to the case without changing its status (a link, a notification, a proposal). */
    public void recordEvent(String businessKey, CaseEventType type, String actor, String officeGroup, String reason,
                            String details) {
        OffsetDateTime at = now();
        CaseStatus current = require(businessKey).status();
        record(businessKey, at, type, actor, current, current, officeGroup, reason, details);
    }

    /**
     * The cases not yet closed in a division: the whole city ({@code 500000}), a district (6 digits) or a subdistrict
     * (9 digits), oldest first.
     */
    @Transactional(readOnly = true)
    public List<CaseRecord> openCasesIn(String divisionCode) {
        return repository.openCasesIn(divisionCode);
    }

    /**
     * The located cases of a category in a district created in the period within about {@code radiusMetres} of a
     * point (a bounding box, a little larger than the circle), at most {@code limit}, the newest ones, oldest first.
     */
    @Transactional(readOnly = true)
    public List<NearbyCase> locatedCases(String category, String districtCode, OffsetDateTime from, OffsetDateTime to,
                                         double lat, double lon, double radiusMetres, int limit) {
        // a box around the point that holds the circle; whoever asks checks the exact distance
        double dLat = radiusMetres / METRES_PER_DEGREE_LATITUDE;
        double dLon = dLat / Math.max(0.01, Math.cos(Math.toRadians(lat)));
        return repository.locatedCases(category, districtCode, from, to, lat - dLat, lat + dLat, lon - dLon, lon + dLon,
                limit);
    }

    /**
     * Notes the hotspot report the case belongs to: its own ({@code reportedBy} is the case, {@code reportedAt} null:
     * now), or the one it joined. Later requests nearby read it and join that hotspot instead of reporting it again
     * ({@code hotspot.drl}).
     */
    public void markHotspot(String businessKey, String reportedBy, Instant reportedAt) {
        repository.markHotspot(businessKey, reportedBy,
                reportedAt == null ? now() : reportedAt.atOffset(ZoneOffset.UTC));
    }

    @Transactional(readOnly = true)
    public Optional<CaseRecord> find(String businessKey) {
        return repository.find(businessKey);
    }

    /** The cases with these business keys, by business key (a key without a case is left out). */
    @Transactional(readOnly = true)
    public Map<String, CaseRecord> findAll(Collection<String> businessKeys) {
        return businessKeys.isEmpty() ? Map.of() : repository.findAll(businessKeys).stream()
                .collect(Collectors.toMap(CaseRecord::businessKey, c -> c));
    }

    @Transactional(readOnly = true)
    public List<CaseEvent> timeline(String businessKey) {
        return repository.events(businessKey);
    }

    private CaseRecord require(String businessKey) {
        return repository.find(businessKey)
                .orElseThrow(() -> new IllegalStateException("No case " + businessKey));
    }

    private void record(String businessKey, OffsetDateTime at, CaseEventType type, String actor, CaseStatus from,
                        CaseStatus to, String officeGroup, String reason, String details) {
        String who = actor == null || actor.isBlank() ? SYSTEM_ACTOR : actor;
        long id = repository.insertEvent(businessKey, at, type, who, from, to, officeGroup, reason, details);
        events.publishEvent(new CaseTransitioned(new CaseEvent(id, businessKey, at, type, who, from, to, officeGroup,
                reason, details)));
    }

    private OffsetDateTime now() {
        // Microseconds: what both H2 and PostgreSQL keep, so a value read back equals the one written.
        return OffsetDateTime.now(clock.withZone(ZONE)).truncatedTo(ChronoUnit.MICROS);
    }
}
