package org.civicflow.citizenrequest;

import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * A process instance's open tasks, read from within the engine command a delegate or listener runs in.
 *
 * <p>The public task query builds its SQL from a mapping with hundreds of conditional fragments, each an OGNL
 * evaluation: in a deadline storm that took more CPU than the statement itself ({@code docs/benchmarks.md}). The
 * engine's own statement by process instance is fixed SQL, uses the index on the process instance and returns
 * entities already loaded in this command from its cache. No authorization check applies, as for any query made
 * inside a job or a listener.
 */
final class ProcessTasks {

    private ProcessTasks() {
    }

    static List<TaskEntity> of(String processInstanceId) {
        return commandContext().getTaskManager().findTasksByProcessInstanceId(processInstanceId);
    }

    /** The first open task of the instance with one of these keys, or null. */
    static TaskEntity withKey(String processInstanceId, Collection<String> taskDefinitionKeys) {
        return of(processInstanceId).stream().filter(t -> taskDefinitionKeys.contains(t.getTaskDefinitionKey()))
                .findFirst().orElse(null);
    }

    /** The task if it is still open. */
    static TaskEntity open(String taskId) {
        return commandContext().getTaskManager().findTaskById(taskId);
    }

    private static CommandContext commandContext() {
        CommandContext context = Context.getCommandContext();
        if (context == null) {
            throw new IllegalStateException("Only inside an engine command (a delegate, a listener)");
        }
        return context;
    }
}
