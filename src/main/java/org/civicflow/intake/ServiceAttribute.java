package org.civicflow.intake;

import java.util.List;

/**
 * An attribute a category asks for (Open311's service definition): {@code dangerToLife} for every category,
 * {@code vulnerable} for heat relief. Read by the routing and escalation rules from the case's attributes.
 *
 * @param datatype Open311 datatype: {@code singlevaluelist} (one of {@code values}) or {@code string}
 */
public record ServiceAttribute(String code, String datatype, boolean required, int order, String description,
                               List<Value> values) {

    public record Value(String key, String name) {
    }

    /** Whether {@code value} is acceptable: one of the keys for a list, any short text otherwise. */
    public boolean accepts(Object value) {
        if (value == null) {
            return !required;
        }
        String text = String.valueOf(value);
        if ("singlevaluelist".equals(datatype)) {
            return values.stream().anyMatch(v -> v.key().equalsIgnoreCase(text));
        }
        return text.length() <= 500;
    }
}
