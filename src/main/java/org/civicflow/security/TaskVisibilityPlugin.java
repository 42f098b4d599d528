package org.civicflow.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.task.IdentityLink;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Every user task of every process is readable by the supervisors and the command centre of its case's district
 * (process variable {@code districtCode}), so "Overdue in my district" lists them. Added at parse time, so no model
 * has to remember it. The engine's own grants for a task's candidate groups come from {@link NewTaskGrants}.
 */
@Component
class TaskVisibilityPlugin extends AbstractProcessEnginePlugin {

    static final String DISTRICT_VARIABLE = "districtCode";

    private final CaseVisibility visibility;

    TaskVisibilityPlugin(@Lazy CaseVisibility visibility) {
        this.visibility = visibility;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                TaskListener grant = task -> {
                    // the process's variable: a task just created has none of its own (asking it would look in the database)
                    Object district = task.getExecution().getVariable(DISTRICT_VARIABLE);
                    Set<String> candidates = task.getCandidates().stream().map(IdentityLink::getGroupId)
                            .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
                    visibility.grantTask(task.getId(), district == null ? null : district.toString(), candidates);
                };
                ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                        .addTaskListener(TaskListener.EVENTNAME_CREATE, grant);
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
        if (configuration.getResourceAuthorizationProvider() == null) { // the engine's default, with fewer lookups
            configuration.setResourceAuthorizationProvider(new NewTaskGrants());
        }
    }
}
