package org.civicflow.security;

import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * The engine's default grants for a task's candidate groups (read and work on the task, read its history), without
 * looking in the database for grants a task created in this very command cannot have yet.
 *
 * <p>For every candidate group of a new task the engine first queried its grants on the task and on the task's
 * history, to extend one if it existed: two statements per group that never find anything for a new task, 1.5 % of
 * the CPU of an intake (docs/benchmarks.md, series U). Grants made earlier in the same command are still found, in the
 * command's cache, as before; a task that existed before the command is looked up as before.
 */
class NewTaskGrants extends DefaultAuthorizationProvider {

    @Override
    protected AuthorizationEntity getGrantAuthorizationByGroupId(String groupId, Resource resource, String resourceId) {
        if (isTaskResource(resource) && createdInThisCommand(resourceId)) {
            return null;
        }
        return super.getGrantAuthorizationByGroupId(groupId, resource, resourceId);
    }

    private static boolean isTaskResource(Resource resource) {
        return resource.resourceType() == Resources.TASK.resourceType()
                || resource.resourceType() == Resources.HISTORIC_TASK.resourceType();
    }

    private static boolean createdInThisCommand(String taskId) {
        CommandContext command = Context.getCommandContext();
        if (command == null || taskId == null) {
            return false;
        }
        CachedDbEntity cached = command.getDbEntityManager().getDbEntityCache().getCachedEntity(TaskEntity.class, taskId);
        return cached != null && cached.getEntityState() == DbEntityState.TRANSIENT;
    }
}
