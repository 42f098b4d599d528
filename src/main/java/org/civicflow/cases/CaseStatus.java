package org.civicflow.cases;

/** Where a case stands in its lifecycle; each value rolls up into a {@link CasePhase}. */
public enum CaseStatus {
    SUBMITTED(CasePhase.OPEN, "已受理 Received"),
    AWAITING_CITY_DISPATCH(CasePhase.OPEN, "待市级派单 Awaiting city dispatch"),
    AWAITING_DISTRICT_DISPATCH(CasePhase.OPEN, "待区县派单 Awaiting district dispatch"),
    DISPATCHED(CasePhase.OPEN, "已派单待签收 Dispatched, awaiting sign-for"),
    RETURNED(CasePhase.OPEN, "已退单 Returned"),
    AWAITING_RULING(CasePhase.OPEN, "退单两次待上级裁定 Returned twice, awaiting ruling"),
    IN_PROGRESS(CasePhase.IN_PROGRESS, "办理中 In progress"),
    REOPENED(CasePhase.IN_PROGRESS, "重新办理 Reopened"),
    WAITING_FOR_CITIZEN(CasePhase.IN_PROGRESS, "待市民补充材料 Waiting for the citizen"),
    REPLIED(CasePhase.RESOLVED, "已答复待回访 Replied, awaiting call-back"),
    CLOSED(CasePhase.CLOSED, "已办结 Closed");

    private final CasePhase phase;
    private final String label;

    CaseStatus(CasePhase phase, String label) {
        this.phase = phase;
        this.label = label;
    }

    public CasePhase phase() {
        return phase;
    }

    public String label() {
        return label;
    }
}
