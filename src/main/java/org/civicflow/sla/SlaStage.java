package org.civicflow.sla;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The stages of the 12345 closed loop that run against a time limit (DOMAIN.md §2). */
public enum SlaStage {
    /** 派单: city dispatch to district to subdistrict; the limit depends on the SLA class. */
    DISPATCH("dispatch"),
    /** 签收/退单: sign for, or return a misrouted order. */
    SIGN_FOR("sign-for"),
    /** 办理: the handling office works the case; the limit depends on the SLA class. */
    HANDLING("handling"),
    /** 回访: dispatch calls the citizen back after the reply. */
    CALL_BACK("call-back");

    private final String code;

    SlaStage(String code) {
        this.code = code;
    }

    /** The code used in BPMN expressions and as the configuration key under {@code civicflow.sla}. */
    public String code() {
        return code;
    }

    /**
     * @throws IllegalArgumentException naming the valid codes if {@code code} is none of them
     */
    public static SlaStage fromCode(String code) {
        for (SlaStage stage : values()) {
            if (stage.code.equals(code)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("unknown SLA stage '" + code + "'; expected one of "
                + Arrays.stream(values()).map(SlaStage::code).collect(Collectors.joining(", ")));
    }
}
