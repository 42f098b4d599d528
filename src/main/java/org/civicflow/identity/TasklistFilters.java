package org.civicflow.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.civicflow.jurisdiction.District;
import org.civicflow.jurisdiction.Divisions;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Tasklist filters clerks and supervisors start from, each readable only by the offices it is for:
 * <ul>
 *   <li>"My office's tasks" (everyone): tasks offered to any of the user's office groups, claimed or not, most urgent
 *   first — one filter that works for every office;</li>
 *   <li>"Escalated to me" (supervisors): supervision (督办) and extension requests offered to the user's offices;</li>
 *   <li>"Overdue in &lt;district&gt;" (that district's supervisor and command centre; the city's for all of
 *   Chongqing): tasks past their due date. What a filter lists is still limited by the engine's task authorizations.</li>
 * </ul>
 */
@Component
class TasklistFilters implements SmartInitializingSingleton {

    static final String MY_OFFICE = "我的单位 My office's tasks";
    static final String ESCALATED_TO_ME = "督办给我 Escalated to me";
    static final String OVERDUE_PREFIX = "超期 Overdue in ";

    private static final List<Map<String, String>> CASE_COLUMNS = List.of(
            Map.of("name", "caseNumber", "label", "案件 Case"),
            Map.of("name", "categoryLabel", "label", "类别 Category"),
            Map.of("name", "slaClassLabel", "label", "时限 SLA"),
            Map.of("name", "districtName", "label", "区县 District"),
            Map.of("name", "address", "label", "地址 Address"));

    private final FilterService filters;
    private final TaskService tasks;
    private final AuthorizationService authorizations;
    private final Divisions divisions;
    private final TransactionTemplate transaction;

    TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations, Divisions divisions,
                    TransactionTemplate transaction) {
        this.filters = filters;
        this.tasks = tasks;
        this.authorizations = authorizations;
        this.divisions = divisions;
        this.transaction = transaction;
    }

    @Override
    public void afterSingletonsInstantiated() {
        transaction.executeWithoutResult(status -> {
            ensure(MY_OFFICE, "本单位的待办：签收、办理、派单、回访 Tasks offered to your office", -10, "#b5152b",
                    tasks.createTaskQuery()
                            .taskCandidateGroupInExpression("${currentUserGroups()}")
                            .includeAssignedTasks()
                            .orderByDueDate().asc()
                            .orderByTaskCreateTime().asc(),
                    List.of());
            List<String> supervisors = new java.util.ArrayList<>();
            supervisors.add(Offices.groupId(Offices.CITY_CODE, OfficeRole.SUPERVISOR));
            divisions.districts().forEach(d -> supervisors.add(Offices.groupId(d.code(), OfficeRole.SUPERVISOR)));
            ensure(ESCALATED_TO_ME, "超期督办与延期申请 Breached deadlines and extension requests for your office", -9,
                    "#e67e22",
                    tasks.createTaskQuery()
                            .taskCandidateGroupInExpression("${currentUserGroups()}")
                            .includeAssignedTasks()
                            .taskDefinitionKeyIn("UserTask_Supervise", "UserTask_ApproveExtension")
                            .orderByDueDate().asc(),
                    supervisors);
            ensure(OVERDUE_PREFIX + "重庆市 Chongqing", "全市超期待办 Tasks past their due date, whole city", -8, "#7f8c8d",
                    tasks.createTaskQuery().dueBeforeExpression("${now()}").orderByDueDate().asc(),
                    watchers(Offices.CITY_CODE));
            for (District d : divisions.districts()) {
                ensure(OVERDUE_PREFIX + d.name() + " " + d.nameEn(), d.name() + "超期待办 Tasks past their due date in "
                                + d.nameEn(), -8, "#7f8c8d",
                        tasks.createTaskQuery().dueBeforeExpression("${now()}")
                                .processVariableValueEquals("districtCode", d.code()).orderByDueDate().asc(),
                        watchers(d.code()));
            }
        });
    }

    private static List<String> watchers(String divisionCode) {
        return List.of(Offices.groupId(divisionCode, OfficeRole.SUPERVISOR), Offices.groupId(divisionCode, OfficeRole.COMMAND));
    }

    /** Creates the filter once; readable by everyone when {@code groups} is empty, else by those groups only. */
    private void ensure(String name, String description, int priority, String colour, TaskQuery query, List<String> groups) {
        if (filters.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", description);
        properties.put("priority", priority);
        properties.put("refresh", true);
        properties.put("color", colour);
        properties.put("variables", CASE_COLUMNS);
        Filter filter = filters.newTaskFilter(name).setQuery(query).setProperties(properties);
        filters.saveFilter(filter);
        if (groups.isEmpty()) {
            Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
            read.setUserId(Authorization.ANY);
            read.setResource(Resources.FILTER);
            read.setResourceId(filter.getId());
            read.addPermission(Permissions.READ);
            authorizations.saveAuthorization(read);
            return;
        }
        for (String group : groups) {
            Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            read.setGroupId(group);
            read.setResource(Resources.FILTER);
            read.setResourceId(filter.getId());
            read.addPermission(Permissions.READ);
            authorizations.saveAuthorization(read);
        }
    }
}
