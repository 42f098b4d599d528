package org.civicflow.dashboard;

import java.time.Instant;
import java.util.List;

import org.civicflow.escalation.ActiveWarning;

/**
 * Where the dashboard finds the weather warnings in force. Optional: without a bean of this type (the warning storage
 * is not deployed) the map shows no warnings. A warning for the city ({@code 500000}) shows on every district, one for
 * a subdistrict on its district.
 */
@FunctionalInterface
public interface WarningFeed {

    /** The warnings in force at {@code at}. */
    List<ActiveWarning> activeAt(Instant at);
}
