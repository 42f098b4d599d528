/**
 * Time limits of the 12345 closed loop (DOMAIN.md §2), counted in Chinese working days or on the clock.
 *
 * <ul>
 *   <li>{@link org.civicflow.sla.WorkingDayCalendar}: working days with State Council holidays and
 *       make-up days; {@code Nwd} deadlines end at 17:30 Beijing time; clock time runs 24×7.</li>
 *   <li>{@link org.civicflow.sla.DeadlinePolicy}: the limit per stage and {@link org.civicflow.sla.SlaClass}
 *       from {@code civicflow.sla.*}, with the domain's limits as defaults.</li>
 *   <li>{@link org.civicflow.sla.DeadlineCalculator}: due instants and the 75% reminder, for Java callers.</li>
 *   <li>{@link org.civicflow.sla.ProcessDeadlines}, the bean {@code deadlines}: the same for BPMN
 *       expressions ({@code ${deadlines.due('handling', slaClass)}} in a {@code timeDate} or a
 *       {@code camunda:dueDate}).</li>
 *   <li>A process-engine plugin that lets the engine's own calendars read {@code Nwd}, so
 *       {@code <timeDuration>2wd</timeDuration>} and {@code camunda:dueDate="2wd"} count working days.</li>
 * </ul>
 */
package org.civicflow.sla;
