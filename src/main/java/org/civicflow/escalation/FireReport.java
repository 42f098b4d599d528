package org.civicflow.escalation;

import java.util.Objects;

/**
 * Fact for the fire rules: what is known about a fire at the time of a report. Early reports have no casualty figures
 * yet (zero); a later report with new figures is simply graded again.
 *
 * @param deaths             deaths so far
 * @param seriousInjuries    serious injuries (重伤) so far
 * @param directLossCny      direct economic loss in yuan, as estimated so far
 * @param peopleTrapped      people are trapped (被困) now
 * @param floors             storeys of the burning building (0 when not a building or unknown)
 * @param hazardousMaterials hazardous chemicals or materials are involved
 * @param crowdedPlace       a crowded place (人员密集场所: market, school, hospital, venue, station...)
 */
public record FireReport(String incidentId, String divisionCode, int deaths, int seriousInjuries, long directLossCny,
                         boolean peopleTrapped, int floors, boolean hazardousMaterials, boolean crowdedPlace) {

    public FireReport {
        Objects.requireNonNull(incidentId, "incidentId");
        if (deaths < 0 || seriousInjuries < 0 || directLossCny < 0 || floors < 0) {
            throw new IllegalArgumentException("Counts, loss and floors cannot be negative");
        }
    }

    /** An early report: no casualties and no loss figure yet, only what the caller sees. */
    public static FireReport early(String incidentId, String divisionCode, boolean peopleTrapped, int floors,
                                   boolean hazardousMaterials, boolean crowdedPlace) {
        return new FireReport(incidentId, divisionCode, 0, 0, 0, peopleTrapped, floors, hazardousMaterials, crowdedPlace);
    }

    /** A report with casualty and loss figures and nothing else notable on the scene. */
    public static FireReport withFigures(String incidentId, String divisionCode, int deaths, int seriousInjuries,
                                         long directLossCny) {
        return new FireReport(incidentId, divisionCode, deaths, seriousInjuries, directLossCny, false, 0, false, false);
    }
}
