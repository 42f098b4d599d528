package org.civicflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import org.camunda.bpm.engine.RuntimeService;
import org.civicflow.CivicflowApplication;
import org.civicflow.escalation.AlertResult;
import org.civicflow.escalation.AlertService;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * A red rainstorm warning for a district with 10,000 open requests of mixed categories, 2,000 of them rain-sensitive
 * (waterlogging, geological hazards): all 10,000 are re-evaluated and the 2,000 escalated, each with an
 * {@code incidentResponse} instance started and linked; target under 30 s on the H2 default (issue 3).
 *
 * <p>Runs the whole application on the default H2 file database (a fresh one under {@code target/bench-h2}), with the
 * job executor off so only the re-evaluation uses the machine; seeds the requests through intake (untimed), then times
 * {@link AlertService#receive} and checks the counts in the database. Figures in {@code docs/benchmarks.md}.
 *
 * <pre>./mvnw -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath org.civicflow.bench.ReevaluationBenchmark"</pre>
 */
public final class ReevaluationBenchmark {

    static final int OPEN_REQUESTS = Integer.getInteger("bench.requests", 10_000);
    static final int SENSITIVE = Integer.getInteger("bench.sensitive", 2_000);
    static final String DISTRICT = "500106"; // 沙坪坝区
    static final List<String> OTHER_CATEGORIES = List.of("noise", "waste", "road-damage", "streetlight", "street-vending",
            "illegal-construction", "air-pollution", "pipeline-leak", "fire-hazard", "heat-relief", "traffic", "consultation");

    private ReevaluationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of("target", "bench-h2");
        FileSystemUtils.deleteRecursively(data);
        // command-line arguments: they win over application.yml (default properties would not)
        String[] settings = {
                "--spring.datasource.url=jdbc:h2:file:./" + data + "/civicflow;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE",
                "--server.port=0",
                "--camunda.bpm.job-execution.enabled=false",
                "--logging.level.root=WARN",
                "--logging.level.org.civicflow=WARN"};
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CivicflowApplication.class).run(settings)) {
            List<String> subdistricts = app.getBean(org.civicflow.jurisdiction.Divisions.class).subdistrictsOf(DISTRICT)
                    .stream().map(s -> s.code()).toList();
            seed(app.getBean(IntakeService.class), OPEN_REQUESTS, subdistricts, n -> n % (OPEN_REQUESTS / SENSITIVE) == 0
                    ? (n / (OPEN_REQUESTS / SENSITIVE) % 2 == 0 ? "waterlogging" : "geological-hazard")
                    : OTHER_CATEGORIES.get(n % OTHER_CATEGORIES.size()));

            byte[] red = redRainstorm();
            long start = System.nanoTime();
            AlertResult result = app.getBean(AlertService.class).receive(red);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            JdbcClient sql = JdbcClient.create(app.getBean(DataSource.class));
            long links = sql.sql("SELECT COUNT(*) FROM cf_case_link WHERE link_type = 'incident'").query(Long.class).single();
            long urgent = sql.sql("SELECT COUNT(*) FROM cf_case WHERE category IN ('waterlogging', 'geological-hazard') AND sla_class = 'urgent'")
                    .query(Long.class).single();
            long instances = app.getBean(RuntimeService.class).createProcessInstanceQuery()
                    .processDefinitionKey("incidentResponse").count();
            String report = """
                    re-evaluation benchmark: %d open requests in %s (%d rain-sensitive)
                      red rainstorm alert received and applied in %.1f s
                      re-evaluated %d, escalated %d, incidents opened %d, failed %d
                      database: %d incident links, %d incidentResponse instances running, %d sensitive requests urgent
                      JVM: %s %s, %d processors available
                    """.formatted(OPEN_REQUESTS, DISTRICT, SENSITIVE, took.toMillis() / 1000.0, result.reevaluated(),
                    result.escalated(), result.incidentsOpened(), result.failed(), links, instances, urgent,
                    System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            System.out.println(report);
            Files.writeString(Path.of("target", "reevaluation-benchmark.txt"), report, StandardCharsets.UTF_8);
        }
    }

    /**
     * Submits {@code requests} requests through intake into the given subdistricts in turn, two at a time, untimed;
     * {@code categoryOf} gives the n-th request's category. Shared with {@link DeadlineStormBenchmark}.
     */
    static void seed(IntakeService intake, int requests, List<String> subdistricts, IntFunction<String> categoryOf)
            throws Exception {
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> submitted = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            int n = i;
            submitted.add(pool.submit(() -> {
                intake.submit(new Submission(categoryOf.apply(n), "benchmark request " + n, null,
                        subdistricts.get(n % subdistricts.size()), null, new Submission.Reporter("市民" + n, null, null),
                        "hotline", null, Map.of()), "benchmark");
                int count = done.incrementAndGet();
                if (count % 1000 == 0) {
                    System.out.printf("seeded %d requests in %d s%n", count, (System.nanoTime() - start) / 1_000_000_000);
                }
            }));
        }
        for (Future<?> f : submitted) {
            f.get();
        }
        pool.shutdown();
    }

    private static byte[] redRainstorm() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String xml = new String(ReevaluationBenchmark.class.getResourceAsStream("/cap/rainstorm-red-shapingba.xml").readAllBytes(),
                StandardCharsets.UTF_8)
                .replace("CQ-QXT-20250710063000-BY-RED", "CQ-QXT-BENCH-" + now.getEpochSecond() + "-BY-RED")
                .replace("2025-07-10T06:30:00+08:00", now.minus(Duration.ofMinutes(5)).atOffset(ZoneOffset.ofHours(8)).toString())
                .replace("2025-07-10T18:30:00+08:00", now.plus(Duration.ofHours(12)).atOffset(ZoneOffset.ofHours(8)).toString());
        // the sample names 渝中区 too: keep the benchmark to the one district
        int second = xml.indexOf("<area>", xml.indexOf("<area>") + 1);
        xml = xml.substring(0, second) + xml.substring(xml.indexOf("</area>", second) + "</area>".length());
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
