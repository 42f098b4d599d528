package org.civicflow.cases;

/** What is known of a case when it is submitted. */
public record NewCase(
        String businessKey,
        String category,
        String description,
        Double latitude,
        Double longitude,
        String address,
        String divisionCode,
        CaseRecord.Reporter reporter,
        String channel,
        String externalId) {
}
