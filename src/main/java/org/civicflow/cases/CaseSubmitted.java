package org.civicflow.cases;

import java.util.Map;

/**
 * Published by intake once a new case is stored and its process has started (routed, first task created), still
 * inside the intake transaction: what a listener does here commits or rolls back together with the case.
 */
public record CaseSubmitted(String businessKey, Map<String, Object> attributes) {

    /** @param attributes the category attributes as submitted (none: empty), so listeners need not read them back */
    public CaseSubmitted {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
