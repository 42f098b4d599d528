package org.civicflow.sla;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The time limit of each stage, from configuration under {@code civicflow.sla}. Every property is
 * optional: an absent one takes the default below, which is the limit named in DOMAIN.md §2, so
 * {@code application.yml} needs to state only what differs. In YAML, with the defaults:
 *
 * <pre>{@code
 * civicflow:
 *   sla:
 *     dispatch: { emergency: PT1H, urgent: PT2H, default: PT24H }   # DB11/T 2021—2022
 *     sign-for: 2wd                                                   # returns within 2 working days (Shandong 2020)
 *     handling: { consultation: 3wd, help: 7wd, complaint: 15wd, urgent: PT24H, emergency: PT2H }  # Sichuan 2025
 *     call-back: 3wd                                                  # our policy
 *     reminder-at: 0.75                                               # remind at 75% of the elapsed time
 * }</pre>
 *
 * <p>A limit is {@code Nwd} (N working days, see {@link WorkingDayCalendar}) or an ISO-8601
 * duration of clock time ({@code PT2H}). Map keys are {@link SlaClass#code() SLA class codes};
 * {@code dispatch} also takes {@code default} for the classes it does not name. Overriding one key
 * keeps the defaults of the others. A malformed limit, an unknown key or a reminder fraction outside
 * (0, 1) fails start-up with a message naming the property.
 */
@ConfigurationProperties(DeadlinePolicy.PREFIX)
public final class DeadlinePolicy {

    static final String PREFIX = "civicflow.sla";

    private static final String DEFAULT_KEY = "default";
    private static final Map<String, String> DEFAULT_DISPATCH =
            Map.of("emergency", "PT1H", "urgent", "PT2H", DEFAULT_KEY, "PT24H");
    private static final String DEFAULT_SIGN_FOR = "2wd";
    private static final Map<String, String> DEFAULT_HANDLING = Map.of(
            "consultation", "3wd", "help", "7wd", "complaint", "15wd", "urgent", "PT24H", "emergency", "PT2H");
    private static final String DEFAULT_CALL_BACK = "3wd";
    private static final double DEFAULT_REMINDER_AT = 0.75;

    private final Map<SlaClass, DeadlineSpec> dispatch;
    private final DeadlineSpec dispatchDefault;
    private final DeadlineSpec signFor;
    private final Map<SlaClass, DeadlineSpec> handling;
    private final DeadlineSpec callBack;
    private final double reminderAt;

    /** Bound by Spring Boot from {@code civicflow.sla.*}; any argument may be null for "use the default". */
    public DeadlinePolicy(Map<String, String> dispatch, String signFor, Map<String, String> handling,
            String callBack, Double reminderAt) {
        Map<String, String> dispatchSpecs = merge(DEFAULT_DISPATCH, dispatch);
        this.dispatchDefault = parse("dispatch." + DEFAULT_KEY, dispatchSpecs.get(DEFAULT_KEY));
        this.dispatch = bySlaClass("dispatch", dispatchSpecs, dispatchDefault);
        this.signFor = parse("sign-for", signFor != null ? signFor : DEFAULT_SIGN_FOR);
        this.handling = bySlaClass("handling", merge(DEFAULT_HANDLING, handling), null);
        this.callBack = parse("call-back", callBack != null ? callBack : DEFAULT_CALL_BACK);
        this.reminderAt = reminderAt != null ? reminderAt : DEFAULT_REMINDER_AT;
        if (!(this.reminderAt > 0 && this.reminderAt < 1)) {
            throw new IllegalArgumentException(PREFIX + ".reminder-at: must be a fraction between 0 and 1 "
                    + "(exclusive) of the time from start to deadline, was " + reminderAt);
        }
    }

    /** The limits of DOMAIN.md §2, as used when nothing is configured. */
    public static DeadlinePolicy defaults() {
        return new DeadlinePolicy(null, null, null, null, null);
    }

    /** 派单: from the case reaching a dispatch desk to the order leaving it. */
    public DeadlineSpec dispatch(SlaClass slaClass) {
        return slaClass == null ? dispatchDefault : dispatch.get(slaClass);
    }

    /** 签收/退单: for the receiving office to sign for or return the order. */
    public DeadlineSpec signFor() {
        return signFor;
    }

    /** 办理: for the handling office to resolve and reply. */
    public DeadlineSpec handling(SlaClass slaClass) {
        if (slaClass == null) {
            throw new IllegalArgumentException("the handling limit depends on the SLA class; none was given");
        }
        return handling.get(slaClass);
    }

    /** 回访: for dispatch to call the citizen back after the reply. */
    public DeadlineSpec callBack() {
        return callBack;
    }

    /** The fraction of the time from start to deadline after which the office is reminded. */
    public double reminderAt() {
        return reminderAt;
    }

    /**
     * The limit of {@code stage}; {@code slaClass} matters for dispatch and handling and is ignored
     * otherwise. For dispatch, a null class means the default limit.
     */
    public DeadlineSpec spec(SlaStage stage, SlaClass slaClass) {
        return switch (stage) {
            case DISPATCH -> dispatch(slaClass);
            case SIGN_FOR -> signFor;
            case HANDLING -> handling(slaClass);
            case CALL_BACK -> callBack;
        };
    }

    @Override
    public String toString() {
        return "DeadlinePolicy[dispatch=" + dispatch + ", sign-for=" + signFor + ", handling=" + handling
                + ", call-back=" + callBack + ", reminder-at=" + reminderAt + "]";
    }

    private static Map<String, String> merge(Map<String, String> defaults, Map<String, String> configured) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        if (configured != null) {
            merged.putAll(configured);
        }
        return merged;
    }

    private static Map<SlaClass, DeadlineSpec> bySlaClass(String property, Map<String, String> specs,
            DeadlineSpec fallback) {
        Map<SlaClass, DeadlineSpec> byClass = new EnumMap<>(SlaClass.class);
        specs.forEach((key, spec) -> {
            if (fallback != null && key.equals(DEFAULT_KEY)) {
                return;
            }
            SlaClass slaClass;
            try {
                slaClass = SlaClass.fromCode(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PREFIX + "." + property + "." + key + ": unknown key; expected one of "
                        + SlaClass.codes() + (fallback != null ? ", " + DEFAULT_KEY : ""));
            }
            byClass.put(slaClass, parse(property + "." + key, spec));
        });
        if (fallback != null) {
            for (SlaClass slaClass : SlaClass.values()) {
                byClass.putIfAbsent(slaClass, fallback);
            }
        }
        return Collections.unmodifiableMap(byClass);
    }

    private static DeadlineSpec parse(String property, String spec) {
        try {
            return DeadlineSpec.parse(spec);
        } catch (IllegalArgumentException e) {
            // No cause: its message is repeated here, and start-up reports the root cause.
            throw new IllegalArgumentException(PREFIX + "." + property + ": " + e.getMessage());
        }
    }
}
