package org.civicflow.escalation.live;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.spin.json.SpinJsonNode;
import org.civicflow.citizenrequest.CitizenRequestProcess;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The request attributes ({@code vulnerable=elderly-alone}, ...) submitted with a case: they live in its
 * {@code citizenRequest} instance's {@code attributes} variable, read here in chunks for many cases at once.
 */
@Component
class CaseAttributes {

    private static final int CHUNK = 500;

    private final RuntimeService runtime;
    private final ObjectMapper json;

    CaseAttributes(RuntimeService runtime, ObjectMapper json) {
        this.runtime = runtime;
        this.json = json;
    }

    /** Attributes by process instance id; instances without any are absent. */
    Map<String, Map<String, String>> byProcessInstance(Collection<String> processInstanceIds) {
        List<String> ids = processInstanceIds.stream().filter(id -> id != null).distinct().toList();
        Map<String, Map<String, String>> result = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            for (VariableInstance v : runtime.createVariableInstanceQuery()
                    .variableName(CitizenRequestProcess.Vars.ATTRIBUTES)
                    .processInstanceIdIn(chunk.toArray(String[]::new))
                    .list()) {
                Map<String, String> attributes = parse(v.getValue());
                if (!attributes.isEmpty()) {
                    result.put(v.getProcessInstanceId(), attributes);
                }
            }
        }
        return result;
    }

    private Map<String, String> parse(Object value) {
        if (!(value instanceof SpinJsonNode node) || !node.isObject()) {
            return Map.of();
        }
        try {
            return asText(json.readValue(node.toString(), Map.class));
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    /** Attributes as the rules read them: each value as text, nothing for a missing or null one. */
    static Map<String, String> asText(Map<?, ?> raw) {
        Map<String, String> attributes = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (k != null && v != null) {
                attributes.put(k.toString(), v.toString());
            }
        });
        return attributes;
    }
}
