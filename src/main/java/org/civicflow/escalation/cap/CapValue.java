package org.civicflow.escalation.cap;

/** A CAP {@code valueName}/{@code value} pair: an {@code eventCode}, {@code parameter} or {@code geocode}. */
public record CapValue(String valueName, String value) {
}
