package org.civicflow.sla;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Deadlines for BPMN expressions, as the bean {@code deadlines}. Each method computes from the
 * engine's clock at the moment the engine evaluates the expression, that is when the timer or task
 * is created, and returns a {@link Date}, which the engine takes as it is for a timer's
 * {@code timeDate} and a user task's {@code camunda:dueDate} or {@code camunda:followUpDate}:
 *
 * <pre>{@code
 * <bpmn:userTask id="UserTask_Handle" name="Handle the case"
 *     camunda:dueDate="${deadlines.due('handling', slaClass)}"
 *     camunda:followUpDate="${deadlines.reminder('handling', slaClass)}" />
 *
 * <bpmn:boundaryEvent id="BoundaryTimer_HandlingDeadline" attachedToRef="UserTask_Handle" cancelActivity="false">
 *   <bpmn:timerEventDefinition>
 *     <bpmn:timeDate xsi:type="bpmn:tFormalExpression">${deadlines.due('handling', slaClass)}</bpmn:timeDate>
 *   </bpmn:timerEventDefinition>
 * </bpmn:boundaryEvent>
 * }</pre>
 *
 * Stage codes are those of {@link SlaStage} ({@code dispatch}, {@code sign-for}, {@code handling},
 * {@code call-back}); {@code slaClass} is a process variable holding an {@link SlaClass#code()},
 * ignored by the stages whose limit does not depend on it.
 *
 * <p>The engine's clock ({@link ClockUtil}) rather than the system clock, so that tests which move
 * the engine clock see the same "now" as the engine's own timers.
 */
@Component("deadlines")
public class ProcessDeadlines {

    private final DeadlineCalculator calculator;

    public ProcessDeadlines(DeadlineCalculator calculator) {
        this.calculator = calculator;
    }

    /** The deadline of a stage under the configured policy, counted from now. */
    public Date due(String stage, String slaClass) {
        return Date.from(calculator.due(now(), SlaStage.fromCode(stage), slaClassOrNull(slaClass)));
    }

    /** When to remind the office of a stage's deadline counted from now (75% of the way, by default). */
    public Date reminder(String stage, String slaClass) {
        Instant now = now();
        Instant due = calculator.due(now, SlaStage.fromCode(stage), slaClassOrNull(slaClass));
        return Date.from(calculator.reminderAt(now, due));
    }

    /** A fixed limit counted from now, for the rare timer that is not a policy stage: {@code after('5wd')}. */
    public Date after(String spec) {
        return Date.from(calculator.due(now(), DeadlineSpec.parse(spec)));
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /** EL turns a null String argument into "", so blank means "no class". */
    private static SlaClass slaClassOrNull(String code) {
        return code == null || code.isBlank() ? null : SlaClass.fromCode(code);
    }
}
