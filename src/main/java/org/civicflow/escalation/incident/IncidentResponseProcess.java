package org.civicflow.escalation.incident;

/** Names shared between {@code processes/incident-response.bpmn}, its forms and the Java steps. */
public final class IncidentResponseProcess {

    public static final String PROCESS_KEY = "incidentResponse";
    /** New information for a running incident: starts the non-interrupting event subprocess that grades it again. */
    public static final String MESSAGE_NEW_INFORMATION = "IncidentNewInformation";

    private IncidentResponseProcess() {
    }

    /** Element ids in the BPMN. */
    public static final class Elements {
        public static final String GRADE = "ServiceTask_GradeIncident";
        public static final String ACKNOWLEDGE = "UserTask_Acknowledge";
        public static final String ACKNOWLEDGE_DEADLINE = "BoundaryTimer_AcknowledgeDeadline";
        public static final String ACKNOWLEDGE_OVERDUE = "ServiceTask_AlertSupervisorAcknowledgeOverdue";
        public static final String HANDLE_ON_SCENE = "UserTask_HandleOnScene";
        public static final String CONFIRM_RESOLUTION = "UserTask_ConfirmResolution";
        public static final String AFTER_ACTION_REPORT = "UserTask_AfterActionReport";
        public static final String CLOSE = "ServiceTask_CloseIncident";
        public static final String CLOSED = "EndEvent_IncidentClosed";
        public static final String NEW_INFORMATION = "StartEvent_NewInformation";
        public static final String REGRADE = "ServiceTask_RegradeIncident";
        public static final String RAISE_LEVEL = "ServiceTask_RaiseResponseLevel";
        public static final String LEVEL_UNCHANGED = "EndEvent_LevelUnchanged";
        public static final String CONFIRM_DOWNGRADE = "UserTask_ConfirmDowngrade";
        public static final String LOWER_LEVEL = "ServiceTask_LowerResponseLevel";
        public static final String LEVEL_KEPT = "EndEvent_LevelKept";

        private Elements() {
        }
    }

    /** Process variable names. */
    public static final class Vars {
        // reported
        public static final String INCIDENT_ID = "incidentId";
        public static final String INCIDENT_TYPE = "incidentType";
        public static final String INCIDENT_TYPE_LABEL = "incidentTypeLabel";
        public static final String DIVISION_CODE = "divisionCode";
        public static final String DISTRICT_CODE = "districtCode";
        public static final String DIVISION_NAME = "divisionName";
        public static final String DESCRIPTION = "description";
        public static final String SOURCE = "source";
        public static final String REPORTED_AT = "reportedAt";
        public static final String REPORTED_LEVEL = "reportedLevel";
        public static final String LINKED_CASE = "linkedCase";
        // fire situation (fire incidents)
        public static final String DEATHS = "deaths";
        public static final String SERIOUS_INJURIES = "seriousInjuries";
        public static final String DIRECT_LOSS_CNY = "directLossCny";
        public static final String PEOPLE_TRAPPED = "peopleTrapped";
        public static final String FLOORS = "floors";
        public static final String HAZARDOUS_MATERIALS = "hazardousMaterials";
        public static final String CROWDED_PLACE = "crowdedPlace";
        // graded
        public static final String RESPONSE_LEVEL = "responseLevel";
        public static final String RESPONSE_LEVEL_LABEL = "responseLevelLabel";
        public static final String LEAD_GROUP = "leadGroup";
        public static final String LEAD_OFFICE_NAME = "leadOfficeName";
        public static final String INFORMED_GROUPS = "informedGroups";
        public static final String ACKNOWLEDGE_WITHIN = "acknowledgeWithin";
        public static final String GRADING_REASONS = "gradingReasons";
        public static final String RULE_SET = "ruleSet";
        // new information (message) and regrading (local to the event subprocess)
        public static final String NEW_INFORMATION = "newInformation";
        public static final String NEW_INFORMATION_SOURCE = "newInformationSource";
        public static final String PROPOSED_LEVEL = "proposedLevel";
        public static final String PROPOSED_LEVEL_LABEL = "proposedLevelLabel";
        public static final String REGRADE_DIRECTION = "regradeDirection";
        public static final String REGRADE_REASONS = "regradeReasons";
        public static final String DOWNGRADE_CONFIRMED = "downgradeConfirmed";
        public static final String DOWNGRADE_NOTE = "downgradeNote";
        // filled in by the lead through the forms
        public static final String ACKNOWLEDGED_BY = "acknowledgedBy";
        public static final String ACKNOWLEDGE_NOTE = "acknowledgeNote";
        public static final String SCENE_ACTIONS = "sceneActions";
        public static final String RESOURCES_DEPLOYED = "resourcesDeployed";
        public static final String RESOLUTION_SUMMARY = "resolutionSummary";
        public static final String AFTER_ACTION_REPORT = "afterActionReport";
        public static final String LESSONS_LEARNED = "lessonsLearned";

        private Vars() {
        }
    }

    /** Closed sets of values. */
    public static final class Values {
        public static final String UP = "up";
        public static final String DOWN = "down";
        public static final String SAME = "same";
        public static final String YES = "yes";
        public static final String NO = "no";

        private Values() {
        }
    }
}
