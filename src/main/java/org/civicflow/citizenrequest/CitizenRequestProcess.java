package org.civicflow.citizenrequest;

/** Names shared between {@code processes/citizen-request.bpmn}, its forms and the Java steps: one place for each. */
public final class CitizenRequestProcess {

    public static final String PROCESS_KEY = "citizenRequest";

    private CitizenRequestProcess() {
    }

    /** User task ids in the BPMN. */
    public static final class Tasks {
        public static final String CITY_DISPATCH = "UserTask_CityDispatch";
        public static final String DISTRICT_DISPATCH = "UserTask_DistrictDispatch";
        public static final String DECIDE_AFTER_RETURNS = "UserTask_DecideAfterReturns";
        public static final String SIGN_FOR = "UserTask_SignFor";
        public static final String HANDLE = "UserTask_Handle";
        public static final String CALL_BACK = "UserTask_CallBack";
        public static final String APPROVE_EXTENSION = "UserTask_ApproveExtension";
        public static final String AWAIT_CITIZEN = "UserTask_AwaitCitizen";
        public static final String SUPERVISE = "UserTask_Supervise";

        private Tasks() {
        }
    }

    /** Other activity ids the Java steps refer to. */
    public static final class Activities {
        public static final String HANDLING = "SubProcess_Handling";
        public static final String SUPERVISION = "SubProcess_Supervision";
        public static final String SEND_REMINDER = "ServiceTask_SendReminder";
        public static final String MAIL_RECEIPT = "ServiceTask_MailReceipt";
        public static final String MAIL_REPLY = "ServiceTask_MailReply";
        public static final String MAIL_SUPERVISION = "ServiceTask_MailSupervision";
        public static final String MAIL_DISPATCHED = "ServiceTask_MailDispatched";
        public static final String MAIL_CALL_BACK_INVITATION = "ServiceTask_MailCallBackInvitation";
        public static final String HANDLING_REMINDER_TIMER = "BoundaryTimer_HandlingReminder";
        public static final String HANDLING_DEADLINE_TIMER = "BoundaryTimer_HandlingDeadline";

        private Activities() {
        }
    }

    /** Process variable names. */
    public static final class Vars {
        // Submitted with the case. Variables: the case number, the category and its label, the address (a column of
        // Tasklist's lists) and the attributes. The rest is the case record's, read by these names (CaseValues) and
        // shown in CASE_SUMMARY; instances started before that have them as variables too.
        public static final String CASE_NUMBER = "caseNumber";
        public static final String CATEGORY = "category";
        public static final String CATEGORY_LABEL = "categoryLabel";
        public static final String DESCRIPTION = "description";
        public static final String ADDRESS = "address";
        public static final String LATITUDE = "latitude";
        public static final String LONGITUDE = "longitude";
        public static final String DIVISION_CODE = "divisionCode";
        public static final String REPORTER_NAME = "reporterName";
        public static final String REPORTER_PHONE = "reporterPhone";
        public static final String REPORTER_EMAIL = "reporterEmail";
        public static final String CHANNEL = "channel";
        public static final String ATTRIBUTES = "attributes";
        public static final String RECEIVED_AT = "receivedAt";

        // decided by routing and dispatch
        public static final String SLA_CLASS = "slaClass";
        public static final String SLA_CLASS_LABEL = "slaClassLabel";
        public static final String RESPONSIBLE_ROLE = "responsibleRole";
        /** Transient: read by the gateway right after the routing, in the same transaction, and not stored. */
        public static final String DISPATCH_LEVEL = "dispatchLevel";
        public static final String DISTRICT_CODE = "districtCode";
        public static final String DISTRICT_NAME = "districtName";
        public static final String SUBDISTRICT_CODE = "subdistrictCode";
        public static final String HANDLER_GROUP = "handlerGroup";
        public static final String HANDLER_OFFICE_NAME = "handlerOfficeName";
        public static final String NEEDS_DISTRICT_DISPATCH = "needsDistrictDispatch";
        /** Written by earlier versions of the process; the notes are now part of {@link #CASE_SUMMARY}. */
        public static final String ROUTING_NOTES = "routingNotes";
        /** What was submitted and how the case was routed, as Markdown for the forms (CaseSummary). */
        public static final String CASE_SUMMARY = "caseSummary";
        public static final String DISTRICT_OPTIONS = "districtOptions";
        public static final String OFFICE_OPTIONS = "officeOptions";

        // filled in by clerks through the forms
        public static final String CHOSEN_DISTRICT_CODE = "chosenDistrictCode";
        public static final String CHOSEN_OFFICE_GROUP = "chosenOfficeGroup";
        public static final String DISPATCH_NOTE = "dispatchNote";
        public static final String RULING = "ruling";
        public static final String SIGN_FOR_DECISION = "signForDecision";
        public static final String RETURN_REASON = "returnReason";
        public static final String SIGNED_FOR_BY = "signedForBy";
        public static final String ACTIONS_TAKEN = "actionsTaken";
        public static final String OUTCOME = "outcome";
        public static final String OUTCOME_REASON = "outcomeReason";
        public static final String REPLY_TO_CITIZEN = "replyToCitizen";
        public static final String CITIZEN_SAYS_RESOLVED = "citizenSaysResolved";
        public static final String SATISFACTION = "satisfaction";
        public static final String CALL_BACK_NOTES = "callBackNotes";

        // the handling clock (办理时限): set when handling starts, moved by extensions and pauses
        public static final String HANDLING_STARTED_AT = "handlingStartedAt";
        public static final String HANDLING_DEADLINE = "handlingDeadline";
        public static final String HANDLING_REMINDER_AT = "handlingReminderAt";
        public static final String HANDLING_PAUSED_AT = "handlingPausedAt";
        public static final String HANDLING_REMAINING = "handlingRemaining";
        public static final String STATUS_BEFORE_PAUSE = "statusBeforePause";
        public static final String EXTENSION_WORKING_DAYS = "extensionWorkingDays";

        // the Handle form's other actions: ask for an extension (延期) or wait for the citizen
        public static final String HANDLING_ACTION = "handlingAction";
        public static final String EXTENSION_REASON = "extensionReason";
        public static final String EXTENSION_UNTIL = "extensionUntil";
        public static final String EXTENSION_REQUESTED_DEADLINE = "extensionRequestedDeadline";
        public static final String EXTENSION_REQUESTED_LABEL = "extensionRequestedLabel";
        public static final String EXTENSION_REQUESTED_DAYS = "extensionRequestedDays";
        public static final String EXTENSION_APPROVER_GROUP = "extensionApproverGroup";
        public static final String EXTENSION_DECISION = "extensionDecision";
        public static final String EXTENSION_DECISION_NOTE = "extensionDecisionNote";
        public static final String HANDLING_DEADLINE_LABEL = "handlingDeadlineLabel";
        public static final String MISSING_INFORMATION = "missingInformation";
        public static final String CITIZEN_SUPPLIED = "citizenSupplied";

        // a reminder or supervision path: which timer fired, and what the supervisor decided (local to the path)
        public static final String DEADLINE_TIMER = "deadlineTimer";
        public static final String SLA_STAGE = "slaStage";
        public static final String LATE_TASK_ID = "lateTaskId";
        public static final String LATE_TASK_NAME = "lateTaskName";
        public static final String LATE_OFFICE = "lateOffice";
        public static final String LATE_OFFICE_NAME = "lateOfficeName";
        public static final String MISSED_DEADLINE = "missedDeadline";
        public static final String SUPERVISOR_GROUP = "supervisorGroup";
        public static final String SUPERVISION_ACTION = "supervisionAction";
        public static final String SUPERVISION_NOTE = "supervisionNote";
        public static final String REASSIGN_TO = "reassignTo";
        public static final String REASSIGN_OPTIONS = "reassignOptions";
        public static final String SUPERVISION_EXTEND_UNTIL = "supervisionExtendUntil";
        public static final String SUPERVISION_MAIL_TO = "supervisionMailTo";
        public static final String MAIL_TEMPLATE = "mailTemplate";
        /** The office a dispatch mail goes to, kept on its path when the case reaches the office (local to the path). */
        public static final String DISPATCHED_TO = "dispatchedTo";

        // counters, stored from the first return or reopening on (absent reads as 0: Counters)
        public static final String RETURN_COUNT = "returnCount";
        public static final String REOPEN_COUNT = "reopenCount";

        private Vars() {
        }
    }

    /** Closed sets of form values. */
    public static final class Values {
        public static final String SIGN = "sign";
        public static final String RETURN = "return";
        public static final String RESOLVED = "resolved";
        public static final String PARTLY = "partly";
        public static final String UNRESOLVED = "unresolved";
        public static final String YES = "yes";
        public static final String NO = "no";
        public static final String SATISFIED = "satisfied";
        public static final String BASICALLY = "basically";
        public static final String UNSATISFIED = "unsatisfied";
        // handlingAction
        public static final String REPLY = "reply";
        public static final String EXTENSION = "extension";
        public static final String WAIT_FOR_CITIZEN = "waitForCitizen";
        // extensionDecision
        public static final String APPROVE = "approve";
        public static final String REJECT = "reject";
        // supervisionAction
        public static final String URGE = "urge";
        public static final String REASSIGN = "reassign";
        public static final String EXTEND = "extend";
        public static final String TAKE_OVER = "takeOver";

        private Values() {
        }
    }
}
