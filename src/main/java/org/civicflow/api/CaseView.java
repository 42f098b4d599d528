package org.civicflow.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.civicflow.cases.CaseEvent;
import org.civicflow.cases.CaseRecord;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A case as external systems see it: where it stands, who has it, its deadlines and its timeline. The reporter's
 * contact details are not repeated back.
 */
@Schema(name = "Case")
record CaseView(
        @Schema(example = "CQ-2026-000123") String businessKey,
        @Schema(example = "noise") String category,
        String categoryName,
        String description,
        @Schema(example = "IN_PROGRESS", description = "detailed status (see statusLabel); rolls up into phase")
        String status,
        String statusLabel,
        @Schema(example = "IN_PROGRESS", allowableValues = {"OPEN", "IN_PROGRESS", "RESOLVED", "CLOSED"}) String phase,
        @Schema(example = "complaint", description = "consultation, help, complaint, urgent or emergency; null until routed")
        String slaClass,
        @Schema(nullable = true, allowableValues = {"IV", "III", "II", "I"},
                description = "emergency response level when the case is part of an incident response; null otherwise")
        String responseLevel,
        Office office,
        String districtCode,
        String subdistrictCode,
        Location location,
        String address,
        String divisionCode,
        String channel,
        String externalId,
        String outcome,
        String satisfaction,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime closedAt,
        List<CaseDeadlines.Deadline> deadlines,
        @Schema(description = "escalations of the case (rules, supervisors); empty until escalation is recorded")
        List<Map<String, Object>> escalations,
        @Schema(description = "business keys of cases linked to this one (duplicates, one incident)")
        List<String> linkedCases,
        List<Event> events) {

    record Office(@Schema(example = "500103003-handler") String code, @Schema(example = "渝中区解放碑街道") String name) {
    }

    record Location(double lat, double lon) {
    }

    /** One entry of the timeline. */
    @Schema(name = "CaseEvent")
    record Event(long id, OffsetDateTime occurredAt, String type, String actor, String fromStatus, String toStatus,
                 String office, String reason) {

        static Event of(CaseEvent e) {
            return new Event(e.id(), e.occurredAt(), e.type().name(), e.actor(),
                    e.fromStatus() == null ? null : e.fromStatus().name(), e.toStatus() == null ? null : e.toStatus().name(),
                    e.officeGroup(), e.reason());
        }
    }

    /** A line of a case list. */
    @Schema(name = "CaseSummary")
    record Summary(String businessKey, String category, String status, String phase, String slaClass, Office office,
                   String districtCode, String channel, String externalId, OffsetDateTime createdAt,
                   OffsetDateTime updatedAt, OffsetDateTime closedAt) {
    }

    static Location location(CaseRecord c) {
        return c.latitude() == null || c.longitude() == null ? null : new Location(c.latitude(), c.longitude());
    }
}
