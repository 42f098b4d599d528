package org.civicflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.civicflow.escalation.ActiveWarning;
import org.civicflow.escalation.CaseFacts;
import org.civicflow.escalation.EscalationDecision;
import org.civicflow.escalation.EscalationService;
import org.civicflow.escalation.Evaluated;
import org.civicflow.escalation.GeoPoint;
import org.civicflow.escalation.RecentRequest;
import org.civicflow.escalation.WarningColour;
import org.civicflow.escalation.WarningKind;
import org.civicflow.rules.RuleBase;
import org.civicflow.sla.SlaClass;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One evaluation of the full escalation rule set ({@code rules/escalation/*.drl}, one stateless session) for a case,
 * on one thread: the target is at least 20,000 evaluations per second (issue 3). Figures in {@code docs/benchmarks.md}.
 *
 * <pre>./mvnw -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath org.civicflow.bench.RuleEvaluationBenchmark"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class RuleEvaluationBenchmark {

    private EscalationService escalation;
    private Instant at;
    private List<ActiveWarning> warnings;
    private List<RecentRequest> recent;
    private CaseFacts waterlogging;
    private CaseFacts elderlyHeatRelief;
    private CaseFacts noise;

    @Setup
    public void compileTheRules() {
        escalation = new EscalationService(new RuleBase());
        at = Instant.parse("2025-07-10T02:00:00Z");
        Instant onset = at.minus(Duration.ofHours(1));
        Instant expires = at.plus(Duration.ofHours(11));
        // a busy day: rain and heat warnings over the district and the city, several of them in force at once
        warnings = List.of(
                new ActiveWarning(WarningKind.RAINSTORM, WarningColour.RED, "500106", "CQ-RED", onset, expires),
                new ActiveWarning(WarningKind.RAINSTORM, WarningColour.YELLOW, "500000", "CQ-YELLOW", onset, expires),
                new ActiveWarning(WarningKind.HEAT, WarningColour.ORANGE, "500106", "CQ-HEAT", onset, expires),
                new ActiveWarning(WarningKind.RAINSTORM, WarningColour.ORANGE, "500103", "CQ-OTHER", onset, expires));
        GeoPoint here = new GeoPoint(29.5412, 106.4563);
        recent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            recent.add(new RecentRequest("CQ-2025-00000" + i, i % 2 == 0 ? "noise" : "waterlogging",
                    new GeoPoint(here.lat() + i * 0.001, here.lon()), at.minus(Duration.ofDays(i + 1))));
        }
        waterlogging = new CaseFacts("CQ-2025-100000", "waterlogging", "500106002", SlaClass.HELP, here, at, Map.of());
        elderlyHeatRelief = new CaseFacts("CQ-2025-100001", "heat-relief", "500106002", SlaClass.HELP, here, at,
                Map.of("vulnerable", "elderly-alone"));
        noise = new CaseFacts("CQ-2025-100002", "noise", "500106002", SlaClass.COMPLAINT, here, at, Map.of());
    }

    /** A rain-sensitive request under a red warning, with nearby requests for the hotspot rules: an incident. */
    @Benchmark
    public Evaluated<EscalationDecision> waterloggingUnderRedWarningWithNeighbours() {
        return escalation.evaluateCase(waterlogging, warnings, recent, at);
    }

    /** A heat-relief request for an elderly person living alone under an orange heat warning: an emergency. */
    @Benchmark
    public Evaluated<EscalationDecision> heatReliefForAVulnerablePerson() {
        return escalation.evaluateCase(elderlyHeatRelief, warnings, recent, at);
    }

    /** A request no warning concerns, which makes up most of a district's open cases: a noise hotspot check only. */
    @Benchmark
    public Evaluated<EscalationDecision> noiseRequestNoWarningConcerns() {
        return escalation.evaluateCase(noise, warnings, recent, at);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(RuleEvaluationBenchmark.class.getName()).build()).run();
    }
}
