package org.civicflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.civicflow.sla.WorkingDayCalendarTest.beijing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves the engine itself uses the working-day calendar: a plain in-memory engine with the plugin
 * and the {@code deadlines} bean runs {@code calendar-timer-test.bpmn}, and the timer jobs' due
 * dates are read back from the engine.
 */
class BusinessCalendarPluginTest {

    private static final Instant THURSDAY_BEFORE_MID_AUTUMN = beijing("2026-09-24T10:00");

    private static WorkingDayCalendar calendar;
    private static DeadlineCalculator deadlines;
    private static ProcessEngine engine;

    @BeforeAll
    static void startEngine() {
        calendar = new WorkingDayCalendar(new SimpleMeterRegistry());
        deadlines = new DeadlineCalculator(calendar, DeadlinePolicy.defaults());
        ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:calendar-test;DB_CLOSE_DELAY=-1")
                .setJobExecutorActivate(false);
        configuration.setEnforceHistoryTimeToLive(false);
        // not "default": closing it must not unregister the shared Spring test context's engine (engine-rest, webapps)
        configuration.setProcessEngineName("calendar-test");
        Map<Object, Object> beans = new HashMap<>();
        beans.put("deadlines", new ProcessDeadlines(deadlines));
        configuration.setBeans(beans);
        List<ProcessEnginePlugin> plugins = new ArrayList<>(configuration.getProcessEnginePlugins());
        plugins.add(new WorkingDayCalendarPlugin(calendar));
        configuration.setProcessEnginePlugins(plugins);
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment()
                .addClasspathResource("calendar-timer-test.bpmn")
                .deploy();
        BpmnAwareTests.init(engine);
    }

    @AfterAll
    static void closeEngine() {
        BpmnAwareTests.reset();
        engine.close();
    }

    @BeforeEach
    void setEngineClockToTheThursdayBeforeMidAutumn() {
        ClockUtil.setCurrentTime(Date.from(THURSDAY_BEFORE_MID_AUTUMN));
    }

    @AfterEach
    void resetEngineClock() {
        ClockUtil.reset();
    }

    @Test
    void theEngineReadsTwoWorkingDaysInATimerDurationAndATaskDueDate() {
        ProcessInstance pi = startCase("complaint");

        Date twoWorkingDays = Date.from(beijing("2026-09-29T17:30"));
        assertThat(twoWorkingDays).isEqualTo(Date.from(calendar.addWorkingDays(THURSDAY_BEFORE_MID_AUTUMN, 2)));
        assertThat(job("BoundaryTimer_SignForDeadline", pi).getDuedate()).isEqualTo(twoWorkingDays);
        assertThat(task("UserTask_SignFor", pi).getDueDate()).isEqualTo(twoWorkingDays);
    }

    @Test
    void aMissedSignForDeadlineEndsTheCaseAsOverdue() {
        ProcessInstance pi = startCase("complaint");

        execute(job("BoundaryTimer_SignForDeadline", pi));

        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_SignForOverdue").isEnded();
    }

    @Test
    void recalculatingFromTheCreationDateKeepsTheWorkingDayDeadline() {
        ProcessInstance pi = startCase("complaint");
        Job signFor = job("BoundaryTimer_SignForDeadline", pi);
        ClockUtil.setCurrentTime(Date.from(beijing("2026-09-28T10:00")));

        managementService().recalculateJobDuedate(signFor.getId(), true);
        assertThat(job("BoundaryTimer_SignForDeadline", pi).getDuedate()).isEqualTo(Date.from(beijing("2026-09-29T17:30")));

        managementService().recalculateJobDuedate(signFor.getId(), false);
        assertThat(job("BoundaryTimer_SignForDeadline", pi).getDuedate()).isEqualTo(Date.from(beijing("2026-09-30T17:30")));
    }

    @Test
    void aComplaintIsDueFifteenWorkingDaysLaterWithAReminderAtThreeQuarters() {
        ProcessInstance pi = startCase("complaint");
        complete(task("UserTask_SignFor", pi));

        Instant due = calendar.addWorkingDays(THURSDAY_BEFORE_MID_AUTUMN, 15);
        Instant reminder = deadlines.reminderAt(THURSDAY_BEFORE_MID_AUTUMN, due);
        assertThat(due).isEqualTo(beijing("2026-10-22T17:30"));
        assertThat(job("BoundaryTimer_HandlingDeadline", pi).getDuedate()).isEqualTo(Date.from(due));
        assertThat(job("BoundaryTimer_HandlingReminder", pi).getDuedate()).isEqualTo(Date.from(reminder));
        Task handle = task("UserTask_Handle", pi);
        assertThat(handle.getDueDate()).isEqualTo(Date.from(due));
        assertThat(handle.getFollowUpDate()).isEqualTo(Date.from(reminder));
    }

    @Test
    void anUrgentCaseIsDueTwentyFourClockHoursLaterEvenAcrossAHoliday() {
        ProcessInstance pi = startCase("urgent");
        complete(task("UserTask_SignFor", pi));

        assertThat(job("BoundaryTimer_HandlingDeadline", pi).getDuedate())
                .isEqualTo(Date.from(beijing("2026-09-25T10:00")));
    }

    @Test
    void theReminderLeavesTheCaseWithTheOfficeAndTheDeadlineTakesItAway() {
        ProcessInstance pi = startCase("help");
        complete(task("UserTask_SignFor", pi));

        execute(job("BoundaryTimer_HandlingReminder", pi));
        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_Reminded").isWaitingAt("UserTask_Handle");

        execute(job("BoundaryTimer_HandlingDeadline", pi));
        BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_HandlingOverdue").isEnded();
    }

    @Test
    void everyOtherValueStillGoesToTheEngineCalendars() {
        Date start = Date.from(THURSDAY_BEFORE_MID_AUTUMN);
        WorkingDaysBusinessCalendar duration = new WorkingDaysBusinessCalendar(new DurationBusinessCalendar(), calendar);
        WorkingDaysBusinessCalendar dueDate = new WorkingDaysBusinessCalendar(new DueDateBusinessCalendar(), calendar);

        assertThat(duration.resolveDuedate("PT2H", start)).isEqualTo(Date.from(THURSDAY_BEFORE_MID_AUTUMN.plus(Duration.ofHours(2))));
        assertThat(duration.resolveDuedate("P1D", start)).isEqualTo(Date.from(beijing("2026-09-25T10:00")));
        assertThat(dueDate.resolveDuedate("2026-10-08T09:00:00+08:00")).isEqualTo(Date.from(beijing("2026-10-08T09:00")));
        assertThat(dueDate.resolveDuedate("3wd")).isEqualTo(Date.from(beijing("2026-09-30T17:30")));
    }

    private static ProcessInstance startCase(String slaClass) {
        return runtimeService().startProcessInstanceByKey("calendarTimerTest", Map.of("slaClass", slaClass));
    }
}
