package org.civicflow.escalation.cap;

import java.time.OffsetDateTime;

/** An earlier alert that an Update, Cancel, Ack or Error refers to ({@code sender,identifier,sent} in CAP). */
public record CapReference(String sender, String identifier, OffsetDateTime sent) {
}
