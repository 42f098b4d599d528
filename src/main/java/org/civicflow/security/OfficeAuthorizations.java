package org.civicflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.civicflow.identity.Office;
import org.civicflow.identity.OfficeDirectory;
import org.civicflow.identity.OfficeRole;
import org.civicflow.identity.Offices;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The standing grants of the access model (the table in the security issue), created once and idempotently:
 * <ul>
 *   <li>every signed-in user may open Tasklist and read process definitions (not sensitive);</li>
 *   <li>district and city {@code supervisor} and {@code command} offices may open Cockpit, read-only;</li>
 *   <li>the city's {@code supervisor} and {@code command} read every case, task and history entry of the city.</li>
 * </ul>
 * Per-case grants for a district's supervisors follow the case ({@link CaseVisibility}); tasks are granted to their
 * candidate offices by the engine itself. Nobody but {@code camunda-admin} may modify, cancel, retry or suspend.
 */
@Component
class OfficeAuthorizations implements SmartInitializingSingleton {

    static final String MARKER_PROPERTY = "civicflow.authorizations.version";
    static final String VERSION = "3";

    private final AuthorizationService authorizations;
    private final OfficeDirectory offices;
    private final org.camunda.bpm.engine.ManagementService management;
    private final TransactionTemplate transaction;

    OfficeAuthorizations(AuthorizationService authorizations, OfficeDirectory offices,
                         org.camunda.bpm.engine.ManagementService management, TransactionTemplate transaction) {
        this.authorizations = authorizations;
        this.offices = offices;
        this.management = management;
        this.transaction = transaction;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (VERSION.equals(management.getProperties().get(MARKER_PROPERTY))) {
            return;
        }
        transaction.executeWithoutResult(status -> grantAll());
        management.setProperty(MARKER_PROPERTY, VERSION);
    }

    private void grantAll() {
        // the administrators' group holds every permission on everything (as Camunda's own admin set-up grants it)
        for (Resources resource : Resources.values()) {
            Authorization all = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                    .groupIdIn(Groups.CAMUNDA_ADMIN).resourceType(resource).resourceId(ANY).list().stream().findFirst()
                    .orElseGet(() -> authorizations.createNewAuthorization(AUTH_TYPE_GRANT));
            all.setGroupId(Groups.CAMUNDA_ADMIN);
            all.setResource(resource);
            all.setResourceId(ANY);
            all.addPermission(Permissions.ALL);
            authorizations.saveAuthorization(all);
        }
        global(Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        global(Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
        // any office may propose a joint law-enforcement operation; the district enforcement office accepts or declines
        global(Resources.PROCESS_DEFINITION, "jointEnforcement", ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.CREATE_INSTANCE);
        global(Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
        for (Office office : offices.all()) {
            OfficeRole role = office.role();
            if (role != OfficeRole.SUPERVISOR && role != OfficeRole.COMMAND) {
                continue;
            }
            group(office.groupId(), Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            if (Offices.CITY_CODE.equals(office.divisionCode())) {
                group(office.groupId(), Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                        ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                        ProcessDefinitionPermissions.READ_TASK_VARIABLE);
                group(office.groupId(), Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
                group(office.groupId(), Resources.TASK, ANY, TaskPermissions.READ);
                group(office.groupId(), Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
                group(office.groupId(), Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
            }
        }
    }

    private void global(Resource resource, String resourceId, Permission... permissions) {
        if (authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GLOBAL).resourceType(resource)
                .resourceId(resourceId).count() > 0) {
            return;
        }
        Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GLOBAL);
        authorization.setUserId(ANY);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

    static void group(AuthorizationService authorizations, String groupId, Resource resource, String resourceId,
                      Permission... permissions) {
        AuthorizationQuery query = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                .resourceType(resource).resourceId(resourceId);
        // one case's or task's grants are few: look them up by resource id (indexed), not by group, whose grants
        // grow with every case of the office; a standing grant on any resource ('*') is looked up by group
        List<Authorization> existing = (ANY.equals(resourceId) ? query.groupIdIn(groupId) : query).list().stream()
                .filter(a -> groupId.equals(a.getGroupId())).toList();
        grant(authorizations, existing.isEmpty() ? authorizations.createNewAuthorization(AUTH_TYPE_GRANT) : existing.get(0),
                groupId, resource, resourceId, permissions);
    }

    /**
     * Grants a resource created in this transaction, so it has no grant yet to find and extend. The grant is made
     * as the engine's {@code createNewAuthorization} makes it, without a command of its own for that (a case gets
     * six such grants at intake).
     */
    static void groupOnNew(AuthorizationService authorizations, String groupId, Resource resource, String resourceId,
                           Permission... permissions) {
        grant(authorizations, new AuthorizationEntity(AUTH_TYPE_GRANT), groupId, resource, resourceId, permissions);
    }

    private static void grant(AuthorizationService authorizations, Authorization authorization, String groupId,
                              Resource resource, String resourceId, Permission... permissions) {
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

    private void group(String groupId, Resource resource, String resourceId, Permission... permissions) {
        group(authorizations, groupId, resource, resourceId, permissions);
    }
}
