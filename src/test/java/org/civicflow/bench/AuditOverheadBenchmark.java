package org.civicflow.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.civicflow.CivicflowApplication;
import org.civicflow.audit.AuditTrail;
import org.civicflow.audit.ChainVerification;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.civicflow.jurisdiction.Divisions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * What the audit trail adds to a case intake (issue 5: at most 15 %), measured with the trail on and off in one run.
 *
 * <p>Runs the whole application on the default H2 file database (a fresh one under {@code target/bench-audit-h2}),
 * job executor off, started with {@code civicflow.audit.benchmark-switch=true} so that
 * {@link AuditTrail#setRecordingForBenchmark} may switch recording off. Submits requests one after another through
 * {@link IntakeService#submit} (validation, case row and event, citizen-request process, routing rules, jurisdiction,
 * dispatch — and with the trail on, its entries: case events, rule evaluations) and times each. After a warm-up, each
 * round submits {@code bench.perRound} requests with the trail on and as many with it off, the order alternating from
 * round to round (on/off, off/on, …), so JIT, database growth and the load of other processes fall on both alike.
 * Prints mean, p50, p90 and p99 per mode, each round's means, the load average, and checks the chain afterwards.
 *
 * <pre>./mvnw -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-Xmx2g -cp %classpath org.civicflow.bench.AuditOverheadBenchmark"</pre>
 */
public final class AuditOverheadBenchmark {

    static final int ROUNDS = Integer.getInteger("bench.rounds", 10);
    static final int PER_ROUND = Integer.getInteger("bench.perRound", 300);
    static final int WARMUP = Integer.getInteger("bench.warmup", 1_000);
    static final String DISTRICT = "500106"; // 沙坪坝区
    static final List<String> CATEGORIES = List.of("noise", "waste", "road-damage", "streetlight", "waterlogging",
            "street-vending", "illegal-construction", "air-pollution", "pipeline-leak", "consultation");

    private AuditOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of("target", "bench-audit-h2");
        FileSystemUtils.deleteRecursively(data);
        String[] settings = {
                "--spring.datasource.url=" + BenchDatabase.url(data),
                "--server.port=0",
                "--camunda.bpm.job-execution.enabled=false",
                "--civicflow.audit.benchmark-switch=true",
                "--logging.level.root=WARN",
                "--logging.level.org.civicflow=WARN"};
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CivicflowApplication.class).run(settings)) {
            IntakeService intake = app.getBean(IntakeService.class);
            AuditTrail trail = app.getBean(AuditTrail.class);
            JdbcClient sql = JdbcClient.create(app.getBean(DataSource.class));
            List<String> subdistricts = app.getBean(Divisions.class).subdistrictsOf(DISTRICT).stream()
                    .map(s -> s.code()).toList();
            Requests requests = new Requests(intake, subdistricts);

            String loadBefore = loadAverage();
            for (int i = 0; i < WARMUP; i++) {
                trail.setRecordingForBenchmark(i / 100 % 2 == 0);
                requests.submitOne();
            }
            long[] on = new long[ROUNDS * PER_ROUND];
            long[] off = new long[ROUNDS * PER_ROUND];
            long entriesWhileOn = 0;
            StringBuilder rounds = new StringBuilder();
            for (int round = 0; round < ROUNDS; round++) {
                boolean onFirst = round % 2 == 0;
                double[] means = new double[2];
                for (int half = 0; half < 2; half++) {
                    boolean recording = (half == 0) == onFirst;
                    trail.setRecordingForBenchmark(recording);
                    long headBefore = head(sql);
                    long[] into = recording ? on : off;
                    long sum = 0;
                    for (int i = 0; i < PER_ROUND; i++) {
                        long took = requests.submitOne();
                        into[round * PER_ROUND + i] = took;
                        sum += took;
                    }
                    if (recording) {
                        entriesWhileOn += head(sql) - headBefore;
                    } else if (head(sql) != headBefore) {
                        throw new IllegalStateException("entries were written with the trail off");
                    }
                    means[recording ? 0 : 1] = sum / 1e6 / PER_ROUND;
                }
                rounds.append("  round %2d (%s first): on %.2f ms, off %.2f ms, overhead %+.1f %%, load %s%n".formatted(
                        round + 1, onFirst ? "on" : "off", means[0], means[1], (means[0] / means[1] - 1) * 100,
                        loadAverage()));
                System.out.print(rounds.substring(rounds.lastIndexOf("  round")));
            }
            trail.setRecordingForBenchmark(true);
            String loadAfter = loadAverage();
            ChainVerification chain = trail.verify();

            Stats recorded = new Stats(on);
            Stats unrecorded = new Stats(off);
            String report = """
                    audit overhead benchmark: %d rounds × %d intakes with the trail on and %d off (alternating), \
                    after %d warm-up intakes
                      per intake   mean ms   p50 ms   p90 ms   p99 ms
                      trail on     %7.2f  %7.2f  %7.2f  %7.2f
                      trail off    %7.2f  %7.2f  %7.2f  %7.2f
                      overhead     %+6.1f %%  %+6.1f %%  %+6.1f %%  %+6.1f %%   (target: mean at most +15 %%)
                      audit entries per intake with the trail on: %.2f
                    %s  load average before %s, after %s
                      chain afterwards: valid %s, %d entries
                      JVM: %s %s, %d processors available
                    """.formatted(ROUNDS, PER_ROUND, PER_ROUND, WARMUP,
                    recorded.mean, recorded.p(50), recorded.p(90), recorded.p(99),
                    unrecorded.mean, unrecorded.p(50), unrecorded.p(90), unrecorded.p(99),
                    overhead(recorded.mean, unrecorded.mean), overhead(recorded.p(50), unrecorded.p(50)),
                    overhead(recorded.p(90), unrecorded.p(90)), overhead(recorded.p(99), unrecorded.p(99)),
                    (double) entriesWhileOn / (ROUNDS * PER_ROUND), rounds, loadBefore, loadAfter,
                    chain.valid(), chain.entries(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            System.out.println(report);
            Files.writeString(Path.of("target", "audit-overhead-benchmark.txt"), report, StandardCharsets.UTF_8);
        }
    }

    private static double overhead(double on, double off) {
        return (on / off - 1) * 100;
    }

    private static long head(JdbcClient sql) {
        return sql.sql("SELECT seq FROM cf_audit_head WHERE id = 1").query(Long.class).single();
    }

    /** The 1-, 5- and 15-minute load averages of the machine (Linux), as {@code uptime} prints them. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** Requests of mixed categories into the district's subdistricts, one at a time, each timed. */
    private static final class Requests {
        private final IntakeService intake;
        private final List<String> subdistricts;
        private int n;

        Requests(IntakeService intake, List<String> subdistricts) {
            this.intake = intake;
            this.subdistricts = subdistricts;
        }

        /** Nanoseconds for one {@link IntakeService#submit}, its transaction committed. */
        long submitOne() {
            int i = n++;
            Submission request = new Submission(CATEGORIES.get(i % CATEGORIES.size()), "benchmark request " + i, null,
                    subdistricts.get(i % subdistricts.size()), null, new Submission.Reporter("市民" + i, null, null),
                    "hotline", null, Map.of());
            long start = System.nanoTime();
            intake.submit(request, "benchmark");
            return System.nanoTime() - start;
        }
    }

    /** Mean and percentiles of per-intake times, in milliseconds. */
    private static final class Stats {
        final long[] sorted;
        final double mean;

        Stats(long[] nanos) {
            sorted = nanos.clone();
            Arrays.sort(sorted);
            mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        }

        double p(int percentile) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
        }
    }
}
