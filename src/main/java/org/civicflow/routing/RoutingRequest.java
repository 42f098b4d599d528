package org.civicflow.routing;

import java.util.Map;

/**
 * Fact for the routing rules: what is known about a request when it is classified.
 *
 * @param category   service code from the catalogue (e.g. {@code noise})
 * @param attributes request attributes from the reporter or the intake clerk (e.g. {@code dangerToLife=true})
 */
public record RoutingRequest(String category, Map<String, Object> attributes) {

    public RoutingRequest {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** True when the attribute is present and reads as yes ({@code true}, "true", "yes", "1"). */
    public boolean flag(String name) {
        Object value = attributes.get(name);
        if (value instanceof Boolean b) {
            return b;
        }
        return value != null && ("true".equalsIgnoreCase(value.toString()) || "yes".equalsIgnoreCase(value.toString())
                || "1".equals(value.toString()));
    }
}
