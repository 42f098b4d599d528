package org.civicflow.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.civicflow.jurisdiction.District;
import org.civicflow.jurisdiction.Divisions;
import org.civicflow.jurisdiction.Subdistrict;
import org.springframework.stereotype.Component;

/** Every office of the three levels, derived from the division tree and the identity contract (DOMAIN.md §1). */
@Component
public class OfficeDirectory {

    private final Divisions divisions;
    private final List<Office> offices;

    public OfficeDirectory(Divisions divisions) {
        this.divisions = divisions;
        this.offices = build(divisions);
    }

    /** All offices: 4 city offices, 6 per district, one handler per subdistrict, town and township. */
    public List<Office> all() {
        return offices;
    }

    public Optional<Office> find(String groupId) {
        return offices.stream().filter(o -> o.groupId().equals(groupId)).findFirst();
    }

    public String nameOf(String groupId) {
        return find(groupId).map(Office::name).orElse(groupId);
    }

    private static List<Office> build(Divisions divisions) {
        List<Office> offices = new ArrayList<>();
        for (OfficeRole role : OfficeRole.values()) {
            if (role.existsAt(OfficeRole.Level.CITY)) {
                offices.add(office(Offices.CITY_CODE, role, "重庆市"));
            }
        }
        for (District d : divisions.districts()) {
            for (OfficeRole role : OfficeRole.values()) {
                if (role.existsAt(OfficeRole.Level.DISTRICT)) {
                    offices.add(office(d.code(), role, d.name()));
                }
            }
        }
        for (Subdistrict s : divisions.subdistricts()) {
            offices.add(office(s.code(), OfficeRole.HANDLER, divisions.nameOf(s.districtCode()) + s.name()));
        }
        return List.copyOf(offices);
    }

    private static Office office(String code, OfficeRole role, String place) {
        String name = role == OfficeRole.HANDLER ? place : place + " " + role.label();
        return new Office(Offices.groupId(code, role), code, role, name);
    }
}
