package org.civicflow.escalation.cap;

/**
 * One problem with an alert, at the field it concerns.
 *
 * @param field path into the alert, e.g. {@code sent}, {@code info[0].severity}, {@code info[0].area[1].polygon[0]};
 *              {@code alert} for the document as a whole
 */
public record FieldError(String field, String message) {
}
