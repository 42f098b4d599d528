package org.civicflow.escalation;

import java.util.List;

/**
 * A cluster of requests of one category around a new request ({@code hotspot.drl}): inserted by the rule that finds
 * it, so the rules deciding what follows from a hotspot match on it; also carried in the {@link EscalationDecision}.
 *
 * @param businessKey          the request that completed the cluster
 * @param earlierBusinessKeys  the earlier requests in it
 */
public record Hotspot(String businessKey, String category, String districtCode, List<String> earlierBusinessKeys) {

    public Hotspot {
        earlierBusinessKeys = List.copyOf(earlierBusinessKeys);
    }

    public int size() {
        return earlierBusinessKeys.size() + 1;
    }
}
