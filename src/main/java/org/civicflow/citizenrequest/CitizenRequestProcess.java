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

        private Tasks() {
        }
    }

    /** Process variable names. */
    public static final class Vars {
        // submitted with the case
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
        public static final String DISPATCH_LEVEL = "dispatchLevel";
        public static final String DISTRICT_CODE = "districtCode";
        public static final String DISTRICT_NAME = "districtName";
        public static final String SUBDISTRICT_CODE = "subdistrictCode";
        public static final String HANDLER_GROUP = "handlerGroup";
        public static final String HANDLER_OFFICE_NAME = "handlerOfficeName";
        public static final String NEEDS_DISTRICT_DISPATCH = "needsDistrictDispatch";
        public static final String ROUTING_NOTES = "routingNotes";
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

        // counters
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

        private Values() {
        }
    }
}
