package org.civicflow.escalation.cap;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** A CAP {@code info} block: what the alert is about, how urgent, severe and certain, when and where. */
public record CapInfo(String language, List<Category> categories, String event, Urgency urgency, Severity severity,
                      Certainty certainty, OffsetDateTime effective, OffsetDateTime onset, OffsetDateTime expires,
                      String senderName, String headline, String description, String instruction,
                      List<CapValue> eventCodes, List<CapValue> parameters, List<CapArea> areas) {

    public CapInfo {
        categories = List.copyOf(categories);
        eventCodes = List.copyOf(eventCodes);
        parameters = List.copyOf(parameters);
        areas = List.copyOf(areas);
    }

    /** The value of the first parameter with that {@code valueName} (case-insensitive). */
    public Optional<String> parameter(String valueName) {
        return parameters.stream().filter(p -> p.valueName().equalsIgnoreCase(valueName)).map(CapValue::value).findFirst();
    }

    public boolean hasCategory(Category category) {
        return categories.contains(category);
    }

    public enum Category implements CapCode {
        GEO("Geo"), MET("Met"), SAFETY("Safety"), SECURITY("Security"), RESCUE("Rescue"), FIRE("Fire"), HEALTH("Health"),
        ENV("Env"), TRANSPORT("Transport"), INFRA("Infra"), CBRNE("CBRNE"), OTHER("Other");

        private final String code;

        Category(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    public enum Urgency implements CapCode {
        IMMEDIATE("Immediate"), EXPECTED("Expected"), FUTURE("Future"), PAST("Past"), UNKNOWN("Unknown");

        private final String code;

        Urgency(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    public enum Severity implements CapCode {
        EXTREME("Extreme"), SEVERE("Severe"), MODERATE("Moderate"), MINOR("Minor"), UNKNOWN("Unknown");

        private final String code;

        Severity(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    public enum Certainty implements CapCode {
        OBSERVED("Observed"), LIKELY("Likely"), POSSIBLE("Possible"), UNLIKELY("Unlikely"), UNKNOWN("Unknown");

        private final String code;

        Certainty(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }
}
