package org.civicflow.enforcement;

/** Names shared between {@code processes/joint-enforcement.bpmn}, its forms and the Java steps. */
public final class JointEnforcementProcess {

    public static final String PROCESS_KEY = "jointEnforcement";
    /** Correlated to the originating citizen request when the operation concludes. */
    public static final String MESSAGE_CONCLUDED = "EnforcementConcluded";

    private JointEnforcementProcess() {
    }

    public static final class Tasks {
        public static final String PLAN = "UserTask_PlanOperation";
        public static final String RECORD_FINDINGS = "UserTask_RecordFindings";
        public static final String LEGAL_REVIEW = "UserTask_LegalReview";
        public static final String DECIDE = "UserTask_Decide";
        public static final String CHECK_RECTIFICATION = "UserTask_CheckRectification";
        public static final String CITY_REVIEW = "UserTask_CityEnforcementReview";

        private Tasks() {
        }
    }

    public static final class Events {
        public static final String RECTIFICATION_DEADLINE = "TimerEvent_RectificationDeadline";
        public static final String CONCLUDED = "EndEvent_OperationConcluded";

        private Events() {
        }
    }

    public static final class Vars {
        // opening (start form or EnforcementService)
        public static final String ORIGIN_BUSINESS_KEY = "originBusinessKey";
        public static final String DISTRICT_CODE = "districtCode";
        public static final String DISTRICT_NAME = "districtName";
        public static final String SUBJECT = "subject";
        public static final String ADDRESS = "address";
        public static final String OPENED_BY = "openedBy";
        public static final String OPENING_REASON = "openingReason";
        public static final String OPERATION_NUMBER = "operationNumber";
        public static final String LEAD_OFFICE = "leadOffice";
        public static final String COOPERATION_OPTIONS = "cooperationOptions";
        // plan
        public static final String PROPOSAL_DECISION = "proposalDecision";
        public static final String DECLINE_REASON = "declineReason";
        public static final String COOPERATING_OFFICES = "cooperatingOffices";
        public static final String COOPERATING_OFFICE_LIST = "cooperatingOfficeList";
        public static final String INSTRUCTIONS = "instructions";
        // findings (one task per cooperating office)
        public static final String COOPERATING_OFFICE = "cooperatingOffice";
        public static final String FINDINGS = "findings";
        public static final String EVIDENCE_FILE = "evidenceFile";
        public static final String FINDINGS_REPORT = "findingsReport";
        // legal review, decision
        public static final String LEGAL_OPINION = "legalOpinion";
        public static final String LEGAL_BASIS = "legalBasis";
        public static final String DECISION = "decision";
        public static final String DECISION_REASON = "decisionReason";
        public static final String RECTIFICATION_DEADLINE = "rectificationDeadline";
        public static final String RECTIFICATION_DUE = "rectificationDue";
        public static final String PENALTY_AMOUNT = "penaltyAmount";
        public static final String DECIDED_BY = "decidedBy";
        public static final String DECIDED_AT = "decidedAt";
        // rectification check, city review
        public static final String RECTIFIED = "rectified";
        public static final String CHECK_NOTES = "checkNotes";
        public static final String CITY_DECISION = "cityDecision";
        // outcome, also set on the originating citizen request
        public static final String ENFORCEMENT_OUTCOME = "enforcementOutcome";
        public static final String ENFORCEMENT_SUMMARY = "enforcementSummary";

        private Vars() {
        }
    }

    public static final class Values {
        public static final String ACCEPT = "accept";
        public static final String DECLINE = "decline";
        public static final String RECTIFICATION = "rectification";
        public static final String PENALTY = "penalty";
        public static final String NO_VIOLATION = "noViolation";
        public static final String YES = "yes";
        public static final String NO = "no";
        // outcomes
        public static final String DECLINED = "declined";
        public static final String RECTIFIED = "rectified";
        public static final String ESCALATED = "escalated";

        private Values() {
        }
    }
}
