package org.civicflow.identity;

/** An office: a Camunda group {@code <divisionCode>-<role>} with a readable name. */
public record Office(String groupId, String divisionCode, OfficeRole role, String name) {
}
