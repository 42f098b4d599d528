package org.civicflow.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of requests of one category around a new request ({@code hotspot.drl}): inserted by the rule that finds
 * it, so the rules deciding what follows from a hotspot match on it; also carried in the {@link EscalationDecision}.
 *
 * @param businessKey         the request that completed the cluster
 * @param earlierBusinessKeys the earlier requests in it
 * @param reportedWith        the request that already reported this hotspot within the last 7 days (the newest such
 *                            report among the earlier requests), or null: then the hotspot is reported with this one
 * @param reportedAt          when {@code reportedWith} reported it, or null
 */
public record Hotspot(String businessKey, String category, String districtCode, List<String> earlierBusinessKeys,
                      String reportedWith, Instant reportedAt) {

    public Hotspot {
        earlierBusinessKeys = List.copyOf(earlierBusinessKeys);
    }

    /**
     * The hotspot of a request made at {@code at} and the earlier requests the rule found around it (in any order):
     * already reported if one of them belongs to a hotspot reported at most {@code reportStands} before {@code at}
     * (the rule file sets how long a report stands, as it sets the hotspot's own window).
     */
    public static Hotspot of(String businessKey, String category, String districtCode, List<?> earlier, Instant at,
                             Duration reportStands) {
        List<String> keys = new ArrayList<>();
        RecentRequest reported = null;
        for (Object fact : earlier) {
            RecentRequest request = (RecentRequest) fact;
            keys.add(request.businessKey());
            Instant when = request.hotspotReportedAt();
            if (request.hotspotReportedBy() != null && when != null && !when.isAfter(at)
                    && Duration.between(when, at).compareTo(reportStands) <= 0
                    && (reported == null || when.isAfter(reported.hotspotReportedAt()))) {
                reported = request;
            }
        }
        return reported == null ? new Hotspot(businessKey, category, districtCode, keys, null, null)
                : new Hotspot(businessKey, category, districtCode, keys, reported.hotspotReportedBy(),
                        reported.hotspotReportedAt());
    }

    public int size() {
        return earlierBusinessKeys.size() + 1;
    }
}
