package org.civicflow.escalation.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.civicflow.escalation.ResponseLevel;
import org.civicflow.identity.OfficeRole;
import org.civicflow.identity.Offices;

/**
 * Who leads an incident at each response level and who is informed (DOMAIN.md §3, our policy): IV the subdistrict
 * handler with the district command informed; III the district command; II and I the city command, the district command
 * informed; I also informs the city supervisor. Without a known subdistrict a level IV incident is led by the district
 * command (there is no handler to give it to).
 */
public final class ResponseLeads {

    private ResponseLeads() {
    }

    public record Lead(String leadGroup, List<String> informedGroups, String supervisorGroup) {
        public Lead {
            informedGroups = List.copyOf(informedGroups);
        }
    }

    public static Lead of(ResponseLevel level, String divisionCode) {
        String district = divisionCode.length() >= 6 ? divisionCode.substring(0, 6) : divisionCode;
        boolean cityWide = Offices.CITY_CODE.equals(district);
        String districtCommand = Offices.groupId(district, OfficeRole.COMMAND);
        String cityCommand = Offices.groupId(Offices.CITY_CODE, OfficeRole.COMMAND);
        String citySupervisor = Offices.groupId(Offices.CITY_CODE, OfficeRole.SUPERVISOR);
        List<String> informed = new ArrayList<>();
        return switch (level) {
            case IV -> {
                if (divisionCode.length() == 9) {
                    informed.add(districtCommand);
                    yield new Lead(Offices.groupId(divisionCode, OfficeRole.HANDLER), informed,
                            Offices.groupId(district, OfficeRole.SUPERVISOR));
                }
                yield new Lead(districtCommand, informed, Offices.groupId(district, OfficeRole.SUPERVISOR));
            }
            case III -> new Lead(districtCommand, informed, Offices.groupId(district, OfficeRole.SUPERVISOR));
            case II, I -> {
                if (!cityWide) {
                    informed.add(districtCommand);
                }
                if (level == ResponseLevel.I) {
                    informed.add(citySupervisor);
                }
                yield new Lead(cityCommand, informed, citySupervisor);
            }
        };
    }

    /**
     * How soon the lead must acknowledge (our policy; the dispatch limit for risk to life is 1 h, DOMAIN.md §2, and an
     * incident is acknowledged well within it): I and II 15 minutes, III 30 minutes, IV 1 hour.
     */
    public static Duration acknowledgeWithin(ResponseLevel level) {
        return switch (level) {
            case I, II -> Duration.ofMinutes(15);
            case III -> Duration.ofMinutes(30);
            case IV -> Duration.ofHours(1);
        };
    }

    public static String label(ResponseLevel level) {
        return level.name() + "级 " + level.chineseName() + " (level " + level.name() + ", " + level.englishName() + ")";
    }
}
