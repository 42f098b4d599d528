package org.civicflow.security;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseTransitioned;
import org.civicflow.identity.OfficeRole;
import org.civicflow.identity.Offices;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A district's {@code supervisor} and {@code command} offices read every case of their district, read-only, and only
 * those: each case's process instance (and its history, and its tasks) is granted to the offices of the district the
 * case is in now. When a case moves to another district, the grants move with it.
 */
@Component
public class CaseVisibility {

    static final Set<OfficeRole> WATCHING_ROLES = Set.of(OfficeRole.SUPERVISOR, OfficeRole.COMMAND);

    private final AuthorizationService authorizations;
    private final CaseService cases;

    CaseVisibility(AuthorizationService authorizations, CaseService cases) {
        this.authorizations = authorizations;
        this.cases = cases;
    }

    /**
     * Events that record something about a case without moving it to another office or district: its grants cannot
     * have changed. (A move is always a status change or a routing, recorded after the new jurisdiction is set; at
     * intake the routing is recorded once the case knows its process instance, ClassifyAndRouteDelegate.)
     */
    static final Set<CaseEventType> CANNOT_MOVE_A_CASE = EnumSet.of(CaseEventType.MAIL_SENT, CaseEventType.MAIL_FAILED,
            CaseEventType.DEADLINE_REMINDER, CaseEventType.DEADLINE_BREACHED, CaseEventType.URGED, CaseEventType.NOTIFIED,
            CaseEventType.INFO_ADDED, CaseEventType.EXTENSION_REQUESTED, CaseEventType.EXTENSION_APPROVED,
            CaseEventType.EXTENSION_REJECTED, CaseEventType.CLOCK_PAUSED, CaseEventType.CLOCK_RESUMED,
            // escalation's records (CaseService.raiseSlaClass and recordEvent keep the case's office and district)
            CaseEventType.ESCALATED, CaseEventType.INCIDENT_LINKED, CaseEventType.INCIDENT_UPDATED,
            CaseEventType.HOTSPOT_FLAGGED, CaseEventType.JOINT_ENFORCEMENT_PROPOSED);

    @EventListener
    void onCaseEvent(CaseTransitioned transitioned) {
        if (CANNOT_MOVE_A_CASE.contains(transitioned.event().type())) {
            return;
        }
        cases.find(transitioned.event().businessKey())
                .filter(c -> c.processInstanceId() != null && c.districtCode() != null)
                .ifPresent(c -> withoutAuthorizationChecks(() -> follow(c, startedInThisCommand(c.processInstanceId()))));
    }

    /** Whether the engine command running now started the instance (at intake: the routing's event), so no grant exists. */
    private static boolean startedInThisCommand(String processInstanceId) {
        CommandContext context = Context.getCommandContext();
        if (context == null) {
            return false;
        }
        CachedDbEntity cached = context.getDbEntityManager().getDbEntityCache()
                .getCachedEntity(ExecutionEntity.class, processInstanceId);
        return cached != null && cached.getEntityState() == DbEntityState.TRANSIENT;
    }

    /**
     * Grants a new task of a district's case to the district's watching offices (called when the task is created), to
     * read. Its history needs no grant of its own: the engine shows a historic task to whoever may read its historic
     * process instance ({@link #follow}), so the offices that watch the case now see all its tasks, and those of a
     * district the case left no longer do.
     */
    public void grantTask(String taskId, String districtCode, Set<String> candidateGroups) {
        if (districtCode == null || districtCode.length() != 6) {
            return;
        }
        withoutAuthorizationChecks(() -> {
            for (OfficeRole role : WATCHING_ROLES) {
                String group = Offices.groupId(districtCode, role);
                // a candidate office is granted the task by the engine itself, in the same (not yet flushed) command
                if (candidateGroups.contains(group) || !firstTimeInThisTransaction(taskId + "|" + group)) {
                    continue;
                }
                // the task is new: no grant of it to look for (and one made earlier in this transaction is remembered)
                OfficeAuthorizations.groupOnNew(authorizations, group, Resources.TASK, taskId, TaskPermissions.READ);
            }
        });
    }

    private void follow(CaseRecord c, boolean newInstance) {
        String instance = c.processInstanceId();
        // one instance has a handful of grants: find them by resource id (indexed), never by group (a district's
        // watching office holds a grant for every case of the district, so that would grow with the district); an
        // instance started in this transaction has none
        Set<String> granted = new HashSet<>(); // resource type | group
        for (Resource resource : newInstance ? List.<Resource>of()
                : List.of(Resources.PROCESS_INSTANCE, Resources.HISTORIC_PROCESS_INSTANCE)) {
            for (Authorization existing : authorizations.createAuthorizationQuery()
                    .authorizationType(Authorization.AUTH_TYPE_GRANT).resourceType(resource).resourceId(instance).list()) {
                if (existing.getGroupId() == null) {
                    continue;
                }
                if (!existing.getGroupId().startsWith(c.districtCode() + "-")) {
                    authorizations.deleteAuthorization(existing.getId()); // the case left that district
                } else {
                    granted.add(resource.resourceType() + "|" + existing.getGroupId());
                }
            }
        }
        for (OfficeRole role : WATCHING_ROLES) {
            String group = Offices.groupId(c.districtCode(), role);
            if (!firstTimeInThisTransaction(instance + "|" + group)) {
                continue;
            }
            // what the query above did not find does not exist (one made earlier in this transaction is remembered)
            if (!granted.contains(Resources.PROCESS_INSTANCE.resourceType() + "|" + group)) {
                OfficeAuthorizations.groupOnNew(authorizations, group, Resources.PROCESS_INSTANCE, instance,
                        ProcessInstancePermissions.READ);
            }
            if (!granted.contains(Resources.HISTORIC_PROCESS_INSTANCE.resourceType() + "|" + group)) {
                OfficeAuthorizations.groupOnNew(authorizations, group, Resources.HISTORIC_PROCESS_INSTANCE, instance,
                        HistoricProcessInstancePermissions.READ);
            }
        }
    }

    /**
     * Inserts made by the engine are flushed at the end of its command, so a query cannot see a grant made earlier in
     * the same transaction: remember them here instead.
     */
    @SuppressWarnings("unchecked")
    private static boolean firstTimeInThisTransaction(String grant) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return true;
        }
        Set<String> granted = (Set<String>) TransactionSynchronizationManager.getResource(CaseVisibility.class);
        if (granted == null) {
            granted = new HashSet<>();
            TransactionSynchronizationManager.bindResource(CaseVisibility.class, granted);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CaseVisibility.class);
                }
            });
        }
        return granted.add(grant);
    }

    /** Grants are bookkeeping of the system, not an action of the clerk whose step caused them. */
    private static void withoutAuthorizationChecks(Runnable work) {
        CommandContext context = Context.getCommandContext();
        if (context == null) {
            work.run();
        } else {
            context.runWithoutAuthorization(() -> {
                work.run();
                return null;
            });
        }
    }
}
