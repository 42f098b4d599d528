package org.civicflow.escalation.live;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.civicflow.escalation.cap.CapArea;
import org.civicflow.escalation.cap.CapWarnings;
import org.civicflow.jurisdiction.DistrictLocator;
import org.civicflow.jurisdiction.Divisions;
import org.civicflow.jurisdiction.GeoPoint;
import org.springframework.stereotype.Component;

/**
 * The divisions a CAP area covers, most precise description first: its division geocodes; else the districts and
 * subdistricts its {@code areaDesc} names (沙坪坝区, or several separated by commas or spaces); else the districts its
 * polygons overlap on the district boundaries.
 */
@Component
public class CapAreaResolver {

    private final Divisions divisions;
    private final DistrictLocator locator;

    CapAreaResolver(Divisions divisions, DistrictLocator locator) {
        this.divisions = divisions;
        this.locator = locator;
    }

    public Set<String> divisionsOf(CapArea area) {
        Set<String> codes = new LinkedHashSet<>(CapWarnings.divisionCodes(area));
        if (!codes.isEmpty()) {
            return codes;
        }
        if (area.areaDesc() != null) {
            for (String name : area.areaDesc().split("[,，、;；\\s]+")) {
                if (name.contains(Divisions.CITY_NAME) && name.length() <= Divisions.CITY_NAME.length() + 1) {
                    codes.add(Divisions.CITY_CODE);
                    continue;
                }
                divisions.findDistrictInAddress(name).ifPresentOrElse(d -> codes.add(d.code()),
                        () -> divisions.findSubdistrictInAddress(name, null).ifPresent(s -> codes.add(s.code())));
            }
        }
        if (!codes.isEmpty()) {
            return codes;
        }
        for (List<org.civicflow.escalation.GeoPoint> polygon : area.polygons()) {
            codes.addAll(locator.districtsOverlapping(polygon.stream().map(p -> new GeoPoint(p.lat(), p.lon())).toList()));
        }
        return codes;
    }
}
