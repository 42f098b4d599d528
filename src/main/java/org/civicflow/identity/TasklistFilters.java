package org.civicflow.identity;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters every clerk starts from. "My office's tasks" lists the tasks offered to any of the current
 * user's office groups, claimed or not, most urgent first, so the same filter works for every office.
 */
@Component
class TasklistFilters implements SmartInitializingSingleton {

    static final String MY_OFFICE = "我的单位 My office's tasks";

    private final FilterService filters;
    private final TaskService tasks;
    private final AuthorizationService authorizations;

    TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations) {
        this.filters = filters;
        this.tasks = tasks;
        this.authorizations = authorizations;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (filters.createFilterQuery().filterName(MY_OFFICE).count() > 0) {
            return;
        }
        TaskQuery query = tasks.createTaskQuery()
                .taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks()
                .orderByDueDate().asc()
                .orderByTaskCreateTime().asc();
        Filter filter = filters.newTaskFilter(MY_OFFICE)
                .setQuery(query)
                .setProperties(Map.of(
                        "description", "本单位的待办：签收、办理、派单、回访 Tasks offered to your office",
                        "priority", -10,
                        "refresh", true,
                        "color", "#b5152b",
                        "variables", List.of(
                                Map.of("name", "caseNumber", "label", "案件 Case"),
                                Map.of("name", "categoryLabel", "label", "类别 Category"),
                                Map.of("name", "slaClassLabel", "label", "时限 SLA"),
                                Map.of("name", "districtName", "label", "区县 District"),
                                Map.of("name", "address", "label", "地址 Address"))));
        filters.saveFilter(filter);
        // every signed-in user may use it; what it lists is still limited by the engine's task authorizations
        Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
        read.setUserId(Authorization.ANY);
        read.setResource(Resources.FILTER);
        read.setResourceId(filter.getId());
        read.addPermission(Permissions.READ);
        authorizations.saveAuthorization(read);
    }
}
