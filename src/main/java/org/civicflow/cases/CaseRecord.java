package org.civicflow.cases;

import java.time.OffsetDateTime;

/** A row of the case table: the answer to "where is case X". */
public record CaseRecord(
        String businessKey,
        String category,
        String slaClass,
        CaseStatus status,
        String description,
        String channel,
        String externalId,
        String districtCode,
        String subdistrictCode,
        String officeGroup,
        Double latitude,
        Double longitude,
        String address,
        String divisionCode,
        Reporter reporter,
        String processInstanceId,
        String outcome,
        String satisfaction,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime closedAt) {

    public CasePhase phase() {
        return status.phase();
    }

    /** Contact details of the person who reported the case; any part may be missing. */
    public record Reporter(String name, String phone, String email) {
    }
}
