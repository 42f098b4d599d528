package org.civicflow.identity;

/** The group-naming contract: every office is the Camunda group {@code <divisionCode>-<role>}. */
public final class Offices {

    public static final String CITY_CODE = "500000";
    public static final String CITY_DISPATCH = groupId(CITY_CODE, OfficeRole.DISPATCH);

    private Offices() {
    }

    public static String groupId(String divisionCode, OfficeRole role) {
        return divisionCode + "-" + role.code();
    }

    public static String divisionCodeOf(String groupId) {
        int dash = groupId.indexOf('-');
        return dash < 0 ? groupId : groupId.substring(0, dash);
    }

    public static OfficeRole roleOf(String groupId) {
        int dash = groupId.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("'" + groupId + "' is not an office group id");
        }
        return OfficeRole.fromCode(groupId.substring(dash + 1));
    }

    /**
     * The supervision office one level above {@code groupId} (DOMAIN.md §2, 督办): a subdistrict office answers to its
     * district's supervisor, a district office to the city's; the city's own offices answer to the city supervisor,
     * there being no level above.
     */
    public static String supervisorAbove(String groupId) {
        String code = divisionCodeOf(groupId);
        return switch (levelOf(code)) {
            case SUBDISTRICT -> groupId(code.substring(0, 6), OfficeRole.SUPERVISOR);
            case DISTRICT, CITY -> groupId(CITY_CODE, OfficeRole.SUPERVISOR);
        };
    }

    public static OfficeRole.Level levelOf(String divisionCode) {
        if (CITY_CODE.equals(divisionCode)) {
            return OfficeRole.Level.CITY;
        }
        return divisionCode.length() == 9 ? OfficeRole.Level.SUBDISTRICT : OfficeRole.Level.DISTRICT;
    }
}
