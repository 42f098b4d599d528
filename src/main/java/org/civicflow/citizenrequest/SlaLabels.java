package org.civicflow.citizenrequest;

import org.civicflow.sla.SlaClass;

/** Bilingual names of the SLA classes as clerks read them. */
public final class SlaLabels {

    private SlaLabels() {
    }

    public static String of(SlaClass slaClass) {
        return switch (slaClass) {
            case CONSULTATION -> "咨询 Consultation (3 working days)";
            case HELP -> "求助 Help (7 working days)";
            case COMPLAINT -> "投诉举报 Complaint (15 working days)";
            case URGENT -> "紧急 Urgent (24 h)";
            case EMERGENCY -> "特急 Emergency (2 h)";
        };
    }
}
