package org.civicflow.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricJobLogEventEntity;
import org.springframework.stereotype.Component;

/**
 * What the engine writes to its history tables. The history level stays {@code full}, so every history event is still
 * produced (the audit trail's handler sees variable updates and user operations, docs/audit.md), and Camunda's tables
 * keep process, activity, task, variable, incident, identity-link and user-operation history. Two event streams are not
 * written to the database, because nothing reads them and they were a large share of every case's writes:
 * <ul>
 *   <li>variable-update details ({@code ACT_HI_DETAIL}, 13 indexes per row): each variable's current value stays in
 *       {@code ACT_HI_VARINST}, and the values users set are in the hash-chained audit trail;</li>
 *   <li>the job log ({@code ACT_HI_JOB_LOG}) for jobs created, done or deleted: a failed attempt is still written, with
 *       its stack trace, so a mail that cannot be sent shows why;</li>
 *   <li>the activity history of exclusive gateways ({@code ACT_HI_ACTINST}, 11 indexes per row): a gateway decides in
 *       the same moment it is reached, and the way it went is the next activity's row. An intake passes two.</li>
 * </ul>
 * Nor is the variable history of what a process declares {@link UnrecordedVariables}: labels, form choices and
 * working values derived from what is recorded elsewhere. Each such variable was a runtime and a history row with a
 * dozen indexes each; a deadline's breach wrote six of them.
 */
@Component
class HistoryWriting extends AbstractProcessEnginePlugin {

    private final List<UnrecordedVariables> unrecorded;

    HistoryWriting(List<UnrecordedVariables> unrecorded) {
        this.unrecorded = List.copyOf(unrecorded);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = new ArrayList<>();
        handlers.add(new TableWriter(unrecorded));
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        configuration.setCustomHistoryEventHandlers(handlers);
        configuration.setEnableDefaultDbHistoryEventHandler(false); // TableWriter takes its place
    }

    static final class TableWriter extends DbHistoryEventHandler {

        private final List<UnrecordedVariables> unrecorded;

        TableWriter(List<UnrecordedVariables> unrecorded) {
            this.unrecorded = unrecorded;
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof HistoricJobLogEventEntity && !event.isEventOfType(HistoryEventTypes.JOB_FAIL)) {
                return;
            }
            // both its start and its end, so no update looks for a missing row
            if (event instanceof HistoricActivityInstanceEventEntity activity
                    && ActivityTypes.GATEWAY_EXCLUSIVE.equals(activity.getActivityType())) {
                return;
            }
            // every event of such a variable (created, updated, deleted) is skipped, so no update looks for a missing row
            if (event instanceof HistoricVariableUpdateEventEntity variable && unrecorded.stream()
                    .anyMatch(u -> u.covers(variable.getProcessDefinitionKey(), variable.getVariableName()))) {
                return;
            }
            super.handleEvent(event);
        }

        @Override
        protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
            return false;
        }
    }
}
