package org.civicflow.escalation;

/**
 * What is known on a fire's scene, for the fire rules: casualties and loss so far (zero in early reports) and the
 * circumstances that raise the grade before any figures exist (see {@link FireReport}).
 */
public record FireSituation(int deaths, int seriousInjuries, long directLossCny, boolean peopleTrapped, int floors,
                            boolean hazardousMaterials, boolean crowdedPlace) {

    public FireSituation {
        if (deaths < 0 || seriousInjuries < 0 || directLossCny < 0 || floors < 0) {
            throw new IllegalArgumentException("Counts, loss and floors cannot be negative");
        }
    }

    public FireReport toReport(String incidentId, String divisionCode) {
        return new FireReport(incidentId, divisionCode, deaths, seriousInjuries, directLossCny, peopleTrapped, floors,
                hazardousMaterials, crowdedPlace);
    }
}
