package org.civicflow.citizenrequest;

import org.civicflow.identity.OfficeRole;
import org.civicflow.identity.Offices;
import org.civicflow.jurisdiction.Divisions;

/** Readable names of offices: "渝中区 解放碑街道 (500103003-handler)". */
final class OfficeNames {

    private OfficeNames() {
    }

    static String of(Divisions divisions, String groupId) {
        String code = Offices.divisionCodeOf(groupId);
        OfficeRole role = Offices.roleOf(groupId);
        String place = divisions.nameOf(code);
        if (code.length() == 9) {
            place = divisions.nameOf(code.substring(0, 6)) + " " + place;
        }
        return role == OfficeRole.HANDLER ? place : place + " " + role.label();
    }
}
