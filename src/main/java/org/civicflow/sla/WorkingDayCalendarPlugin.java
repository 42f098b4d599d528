package org.civicflow.sla;

import java.util.List;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendarManager;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Teaches the engine's {@code duration} and {@code dueDate} calendars the {@code Nwd} syntax, so a
 * timer {@code <timeDuration>2wd</timeDuration>} or a task {@code camunda:dueDate="3wd"} counts
 * working days. The Camunda Spring Boot starter applies every {@code ProcessEnginePlugin} bean.
 *
 * <p>Camunda 7 looks calendars up by timer type ({@code duration}, {@code dueDate}, {@code cycle};
 * a BPMN element cannot name a calendar), so a calendar registered under a new name would never be
 * used; instead the two existing ones are wrapped. Done after init, when the engine has built its
 * defaults, so whatever they are they keep handling every other value.
 */
@Component
class WorkingDayCalendarPlugin extends AbstractProcessEnginePlugin {

    private final WorkingDayCalendar workingDays;

    WorkingDayCalendarPlugin(WorkingDayCalendar workingDays) {
        this.workingDays = workingDays;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        BusinessCalendarManager engineCalendars = configuration.getBusinessCalendarManager();
        MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
        for (String name : List.of(DurationBusinessCalendar.NAME, DueDateBusinessCalendar.NAME)) {
            calendars.addBusinessCalendar(name,
                    new WorkingDaysBusinessCalendar(engineCalendars.getBusinessCalendar(name), workingDays));
        }
        calendars.addBusinessCalendar(CycleBusinessCalendar.NAME,
                engineCalendars.getBusinessCalendar(CycleBusinessCalendar.NAME));
        configuration.setBusinessCalendarManager(calendars);
    }
}
