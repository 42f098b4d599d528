package org.civicflow.escalation.live;

import java.util.Map;

import org.civicflow.cases.CaseRecord;
import org.civicflow.escalation.CaseFacts;
import org.civicflow.escalation.GeoPoint;
import org.civicflow.sla.SlaClass;

/** A case record as a fact for the escalation rules. */
public final class CaseFactsOf {

    private CaseFactsOf() {
    }

    public static CaseFacts of(CaseRecord c, Map<String, String> attributes) {
        String division = c.subdistrictCode() != null ? c.subdistrictCode() : c.districtCode();
        SlaClass sla = c.slaClass() == null ? null : SlaClass.fromCode(c.slaClass());
        GeoPoint location = c.latitude() == null || c.longitude() == null ? null : new GeoPoint(c.latitude(), c.longitude());
        return new CaseFacts(c.businessKey(), c.category(), division, sla, location,
                c.createdAt() == null ? null : c.createdAt().toInstant(), attributes);
    }
}
