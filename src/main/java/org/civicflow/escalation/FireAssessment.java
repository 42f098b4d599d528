package org.civicflow.escalation;

import java.util.ArrayList;
import java.util.List;

/**
 * Result fact of the fire rules ({@code fire.drl}): the grade of one fire and the response level it calls for.
 * The highest criterion wins, so the grade is only ever raised within an evaluation.
 */
public class FireAssessment {

    private final String incidentId;
    private FireGrade grade;
    private final List<String> reasons = new ArrayList<>();

    public FireAssessment(String incidentId) {
        this.incidentId = incidentId;
    }

    public String getIncidentId() {
        return incidentId;
    }

    public FireGrade getGrade() {
        return grade;
    }

    public ResponseLevel getResponseLevel() {
        return grade == null ? null : grade.responseLevel();
    }

    public List<String> getReasons() {
        return List.copyOf(reasons);
    }

    public void raiseTo(FireGrade atLeast, String reason) {
        if (grade == null || grade.compareTo(atLeast) < 0) {
            grade = atLeast;
            reasons.add(reason);
        }
    }

    @Override
    public String toString() {
        return "FireAssessment[" + incidentId + ": " + grade + ", reasons=" + reasons + "]";
    }
}
