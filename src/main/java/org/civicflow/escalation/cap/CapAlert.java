package org.civicflow.escalation.cap;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An OASIS CAP 1.2 alert (namespace {@code urn:oasis:names:tc:emergency:cap:1.2}), as parsed by {@link CapParser}.
 *
 * @param references the earlier alerts an Update or Cancel refers to
 * @param infos      may be empty (a Cancel often has none)
 */
public record CapAlert(String identifier, String sender, OffsetDateTime sent, Status status, MsgType msgType, Scope scope,
                       String source, String note, List<CapReference> references, List<CapInfo> infos) {

    public CapAlert {
        references = List.copyOf(references);
        infos = List.copyOf(infos);
    }

    /**
     * Only a real alert may change live cases (DOMAIN.md §3): Exercise, Test, System and Draft alerts are recorded
     * and reported, never escalate.
     */
    public boolean changesLiveCases() {
        return status == Status.ACTUAL;
    }

    public enum Status implements CapCode {
        ACTUAL("Actual"), EXERCISE("Exercise"), SYSTEM("System"), TEST("Test"), DRAFT("Draft");

        private final String code;

        Status(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    public enum MsgType implements CapCode {
        ALERT("Alert"), UPDATE("Update"), CANCEL("Cancel"), ACK("Ack"), ERROR("Error");

        private final String code;

        MsgType(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }

        /** Update, Cancel, Ack and Error are about earlier alerts and must say which. */
        public boolean refersToEarlierAlerts() {
            return this != ALERT;
        }
    }

    public enum Scope implements CapCode {
        PUBLIC("Public"), RESTRICTED("Restricted"), PRIVATE("Private");

        private final String code;

        Scope(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }
}
