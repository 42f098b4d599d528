package org.civicflow.escalation;

import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of requests of one category around a new request ({@code hotspot.drl}): inserted by the rule that finds
 * it, so the rules deciding what follows from a hotspot match on it; also carried in the {@link EscalationDecision}.
 *
 * @param businessKey         the request that completed the cluster
 * @param earlierBusinessKeys the earlier requests in it
 * @param reportedWith        the newest earlier request in it that already reported the hotspot to the district, or
 *                            null when none did: then the hotspot is new and is reported with this request
 */
public record Hotspot(String businessKey, String category, String districtCode, List<String> earlierBusinessKeys,
                      String reportedWith) {

    public Hotspot {
        earlierBusinessKeys = List.copyOf(earlierBusinessKeys);
    }

    /** The hotspot of a request and the earlier requests the rule found around it (in any order). */
    public static Hotspot of(String businessKey, String category, String districtCode, List<?> earlier) {
        List<String> keys = new ArrayList<>();
        RecentRequest reported = null;
        for (Object fact : earlier) {
            RecentRequest request = (RecentRequest) fact;
            keys.add(request.businessKey());
            if (request.reportedHotspot()
                    && (reported == null || request.reportedAt().isAfter(reported.reportedAt()))) {
                reported = request;
            }
        }
        return new Hotspot(businessKey, category, districtCode, keys, reported == null ? null : reported.businessKey());
    }

    public int size() {
        return earlierBusinessKeys.size() + 1;
    }
}
