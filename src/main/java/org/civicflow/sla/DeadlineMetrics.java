package org.civicflow.sla;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Micrometer counters of deadlines met and breached, tagged by stage, SLA class and office, for dashboards and the
 * "三率" (response, resolution, satisfaction rates) per office.
 */
@Component
public class DeadlineMetrics {

    public static final String BREACHED = "civicflow.sla.deadline.breached";
    public static final String MET = "civicflow.sla.deadline.met";

    private final MeterRegistry registry;

    public DeadlineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void breached(SlaStage stage, String slaClass, String office) {
        counter(BREACHED, "Deadlines that passed with the task still open", stage, slaClass, office).increment();
    }

    public void met(SlaStage stage, String slaClass, String office) {
        counter(MET, "Tasks completed by their deadline", stage, slaClass, office).increment();
    }

    /** The current count, 0 if nothing was counted yet: for tests and the rates service. */
    public double count(String name, SlaStage stage, String slaClass, String office) {
        Counter counter = registry.find(name).tags("stage", stage.code(), "slaClass", tag(slaClass), "office", tag(office))
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private Counter counter(String name, String description, SlaStage stage, String slaClass, String office) {
        return Counter.builder(name).description(description)
                .tag("stage", stage.code()).tag("slaClass", tag(slaClass)).tag("office", tag(office))
                .register(registry);
    }

    private static String tag(String value) {
        return value == null || value.isBlank() ? "none" : value;
    }
}
