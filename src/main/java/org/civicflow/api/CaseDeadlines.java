package org.civicflow.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.cases.CaseEvent;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.CaseStatus;
import org.civicflow.sla.DeadlineCalculator;
import org.civicflow.sla.SlaClass;
import org.civicflow.sla.SlaStage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The deadlines of a case as callers see them. The handling deadline counts from sign-for (the case entering
 * {@link CaseStatus#IN_PROGRESS}); until then it is projected from the submission time and flagged as such.
 * Due dates the process put on its open tasks are added as they are.
 *
 * <p>Those are read with one indexed statement on the engine's task table rather than a {@code TaskQuery}: the
 * engine builds its task query from a large dynamic statement on every call, and every case view (the answer to each
 * submission included) asks for them. Read only, by the engine's own table name (with its prefix).
 */
@Component
public class CaseDeadlines {

    private final DeadlineCalculator calculator;
    private final JdbcClient sql;
    private final String openTaskDues;

    CaseDeadlines(DeadlineCalculator calculator, DataSource dataSource, ManagementService management) {
        this.calculator = calculator;
        this.sql = JdbcClient.create(dataSource);
        this.openTaskDues = "SELECT TASK_DEF_KEY_, DUE_DATE_ FROM " + management.getTableName(Task.class)
                + " WHERE PROC_INST_ID_ = ? AND DUE_DATE_ IS NOT NULL ORDER BY CREATE_TIME_, ID_";
    }

    /** One deadline: {@code stage} is an SLA stage code or the id of an open task with a due date. */
    public record Deadline(String stage, OffsetDateTime due, boolean projected, Boolean met) {
    }

    /** The handling deadline, from the timeline when it is known, else projected; null without an SLA class. */
    public Deadline handling(CaseRecord c, List<CaseEvent> events) {
        if (c.slaClass() == null) {
            return null;
        }
        SlaClass slaClass = SlaClass.fromCode(c.slaClass());
        OffsetDateTime started = null;
        OffsetDateTime replied = null;
        for (CaseEvent e : events) {
            if (started == null && e.toStatus() == CaseStatus.IN_PROGRESS) {
                started = e.occurredAt();
            }
            if (replied == null && e.toStatus() == CaseStatus.REPLIED) {
                replied = e.occurredAt();
            }
        }
        OffsetDateTime start = started != null ? started : c.createdAt();
        OffsetDateTime due = at(calculator.due(start.toInstant(), SlaStage.HANDLING, slaClass));
        Boolean met = replied != null ? !replied.isAfter(due) : null;
        return new Deadline(SlaStage.HANDLING.code(), due, started == null, met);
    }

    /** Projected handling deadline for a list, where the timeline is not at hand. */
    public OffsetDateTime projectedHandling(CaseRecord c) {
        if (c.slaClass() == null) {
            return null;
        }
        return at(calculator.due(c.createdAt().toInstant(), SlaStage.HANDLING, SlaClass.fromCode(c.slaClass())));
    }

    public List<Deadline> all(CaseRecord c, List<CaseEvent> events) {
        List<Deadline> deadlines = new ArrayList<>();
        Deadline handling = handling(c, events);
        if (handling != null) {
            deadlines.add(handling);
        }
        if (c.processInstanceId() != null && c.closedAt() == null) {
            deadlines.addAll(sql.sql(openTaskDues).param(c.processInstanceId())
                    .query((row, n) -> new Deadline(row.getString("TASK_DEF_KEY_"),
                            at(row.getTimestamp("DUE_DATE_").toInstant()), false, null))
                    .list());
        }
        return deadlines;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atZone(CaseService.ZONE).toOffsetDateTime();
    }
}
