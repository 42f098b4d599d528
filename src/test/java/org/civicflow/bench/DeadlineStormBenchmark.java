package org.civicflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.civicflow.CivicflowApplication;
import org.civicflow.intake.IntakeService;
import org.civicflow.jurisdiction.Divisions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * 10,000 sign-for deadlines falling due at the same instant on one node: every timer fires and escalates (the
 * {@code DEADLINE_BREACHED} case event, a supervision task for {@code 500103-supervisor}, the breach mails queued and
 * sent per recipient by the mail outbox every 5 s), target
 * within 60 s on the H2 default with the job executor as {@code application.yml} tunes it, while Tasklist's data path
 * keeps answering (issue 4).
 *
 * <p>Runs the whole application (Tomcat, REST, the real job executor) on a fresh H2 file database under
 * {@code target/bench-storm} with the default URL options. Seeds the requests through intake into the subdistricts of
 * 渝中区 500103 (untimed; the mail outbox sends their receipts and dispatch notices to the log meanwhile), waits until no
 * job is due and no mail waits, then moves the due date of every {@code BoundaryTimer_SignForDeadline} job to one instant, now, and
 * times from that instant until the database shows all breaches recorded and supervised, and until all breach mails
 * are done. A second thread meanwhile asks {@code GET /engine-rest/task?candidateGroup=500103-supervisor&...} as the
 * district supervisor (HTTP Basic), once a second, and the latencies are reported with those of an idle baseline.
 * Figures in {@code docs/benchmarks.md}.
 *
 * <pre>./mvnw -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-Xmx3g -cp %classpath org.civicflow.bench.DeadlineStormBenchmark [--name=value ...]"</pre>
 */
public final class DeadlineStormBenchmark {

    static final int DEADLINES = Integer.getInteger("bench.deadlines", 10_000);
    /** Deadlines that pass before the storm (untimed), so the JIT has compiled the breach path. */
    static final int WARM_UP = Integer.getInteger("bench.warm-up-deadlines", 300);
    static final Duration TARGET = Duration.ofSeconds(60);
    static final String DISTRICT = "500103"; // 渝中区
    static final String SUPERVISOR = DISTRICT + "-supervisor";
    static final List<String> CATEGORIES = List.of("noise", "waste", "streetlight", "road-damage");
    static final String TASKLIST_QUERY = "/engine-rest/task?candidateGroup=" + SUPERVISOR
            + "&sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=15";

    private DeadlineStormBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of("target", "bench-storm");
        FileSystemUtils.deleteRecursively(data);
        // command-line arguments win over application.yml; the URL keeps the default's options, only the file moves
        // further --name=value arguments (e.g. another job executor setting to compare) follow and win; a URL given
        // there replaces this one (Spring would join two values of one name with a comma)
        boolean ownUrl = Arrays.stream(args).anyMatch(a -> a.startsWith("--spring.datasource.url="));
        List<String> settings = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=WARN",
                "--logging.level.org.civicflow=WARN"));
        if (!ownUrl) {
            settings.add("--spring.datasource.url=" + BenchDatabase.url(data));
        }
        settings.addAll(List.of(args));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CivicflowApplication.class)
                .run(settings.toArray(String[]::new))) {
            JdbcClient sql = JdbcClient.create(app.getBean(DataSource.class));
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            List<String> subdistricts = app.getBean(Divisions.class).subdistrictsOf(DISTRICT).stream().map(s -> s.code()).toList();

            // straight to a subdistrict's sign-for
            ReevaluationBenchmark.seed(app.getBean(IntakeService.class), DEADLINES + WARM_UP, subdistricts,
                    n -> CATEGORIES.get(n % CATEGORIES.size()));
            waitUntil("the intake's mails are sent", () -> dueJobs(sql) == 0
                    && count(sql, "SELECT COUNT(*) FROM cf_mail_outbox") == 0, Duration.ofMinutes(20));

            // warm-up, untimed: a few deadlines pass first, so the breach path is compiled as in a running
            // application (breaches happen every day) rather than during the storm
            int warmUp = sql.sql("UPDATE act_ru_job SET duedate_ = ? WHERE id_ IN (SELECT id_ FROM act_ru_job"
                            + " WHERE type_ = 'timer' AND handler_cfg_ LIKE 'BoundaryTimer_SignForDeadline%' ORDER BY id_ LIMIT ?)")
                    .params(Timestamp.from(Instant.now()), WARM_UP).update();
            waitUntil(warmUp + " warm-up deadlines escalated and mailed", () -> count(sql,
                    "SELECT COUNT(*) FROM cf_case_event WHERE type = 'MAIL_SENT' AND reason LIKE 'breach%'") >= warmUp
                    && dueJobs(sql) == 0, Duration.ofMinutes(10));
            long breachedBefore = count(sql, "SELECT COUNT(*) FROM cf_case_event WHERE type = 'DEADLINE_BREACHED'");
            long supervisedBefore = count(sql, "SELECT COUNT(*) FROM act_ru_task WHERE task_def_key_ = 'UserTask_Supervise'");
            long mailedBefore = count(sql, "SELECT COUNT(*) FROM cf_case_event WHERE type = 'MAIL_SENT' AND reason LIKE 'breach%'");
            long timers = sql.sql("SELECT COUNT(*) FROM act_ru_job WHERE type_ = 'timer' AND handler_cfg_ LIKE 'BoundaryTimer_SignForDeadline%'")
                    .query(Long.class).single();
            System.out.printf("%d sign-for deadline timers waiting%n", timers);

            TasklistProbe tasklist = new TasklistProbe(port);
            long[] idle = tasklist.run(Duration.ofSeconds(20));

            // the storm: every sign-for deadline falls due now
            Instant due = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String load = loadAverage();
            int moved = sql.sql("UPDATE act_ru_job SET duedate_ = ? WHERE type_ = 'timer' AND handler_cfg_ LIKE 'BoundaryTimer_SignForDeadline%'")
                    .param(Timestamp.from(due)).update();
            long start = System.nanoTime();
            Map<String, Long> cpuBefore = CpuShares.now();
            Map<String, Long> cpuEscalated = null;
            Future<long[]> during = Executors.newSingleThreadExecutor().submit(() -> tasklist.runUntilStopped());
            Duration escalated = null;
            Duration allDone = null;
            long lastReport = 0;
            while (allDone == null && System.nanoTime() - start < Duration.ofMinutes(20).toNanos()) {
                // Cheap progress counts, so the measuring takes little of the CPU it measures: a timer job is deleted
                // in the transaction that records its breach and creates the supervision task, so the timers left tell
                // how many are escalated; the breach mail queue tells how many mails wait. Verified in full below.
                Thread.sleep(500);
                long left = count(sql, "SELECT COUNT(*) FROM act_ru_job WHERE type_ = 'timer' AND handler_cfg_ LIKE 'BoundaryTimer_SignForDeadline%'");
                long mailsWaiting = count(sql, "SELECT COUNT(*) FROM cf_mail_outbox");
                Duration now = Duration.ofNanos(System.nanoTime() - start);
                if (escalated == null && left == 0) {
                    escalated = now;
                    cpuEscalated = CpuShares.now();
                }
                if (escalated != null && mailsWaiting == 0 && dueJobs(sql) == 0) {
                    allDone = now;
                }
                if (now.toSeconds() >= lastReport + 5) {
                    lastReport = now.toSeconds();
                    System.out.printf("  %3d s: %5d fired and escalated, %5d breach mails waiting, load %s%n",
                            now.toSeconds(), moved - left, mailsWaiting, loadAverage());
                }
            }
            tasklist.stop();
            long[] storm = during.get();
            String loadAfter = loadAverage();

            long breached = count(sql, "SELECT COUNT(*) FROM cf_case_event WHERE type = 'DEADLINE_BREACHED'") - breachedBefore;
            long supervised = count(sql, "SELECT COUNT(*) FROM act_ru_task WHERE task_def_key_ = 'UserTask_Supervise'")
                    - supervisedBefore;
            long mailed = count(sql, "SELECT COUNT(*) FROM cf_case_event WHERE type = 'MAIL_SENT' AND reason LIKE 'breach%'")
                    - mailedBefore;

            long incidents = count(sql, "SELECT COUNT(*) FROM act_ru_incident");
            long failedJobs = count(sql, "SELECT COUNT(*) FROM act_ru_job WHERE exception_msg_ IS NOT NULL");
            long breachedCases = count(sql, "SELECT COUNT(DISTINCT business_key) FROM cf_case_event WHERE type = 'DEADLINE_BREACHED'")
                    - breachedBefore;
            String report = """
                    deadline storm: %d sign-for deadlines of %s due at %s, one node, H2 file database
                    load average before / after: %s / %s; JVM %s %s, %d processors
                    | what | time |
                    | --- | --- |
                    | all %d fired and escalated (breach event + supervision task) | %s |
                    | and all breach mails done, no job due | %s |
                    | target | %d s |
                    checked after: breach events %d, supervision tasks %d, breach mails on the timelines %d (of %d each);
                    cases breached %d, incidents %d, jobs with an exception %d
                    | Tasklist (GET task, candidateGroup %s, 15 by due date) | requests | p50 ms | p99 ms | max ms |
                    | --- | --- | --- | --- | --- |
                    %s
                    %s
                    CPU from the due instant until all were escalated (%s):
                    %s
                    """.formatted(moved, DISTRICT, due, load, loadAfter, System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), moved, seconds(escalated),
                    seconds(allDone), TARGET.toSeconds(), breached, supervised, mailed, moved, breachedCases, incidents, failedJobs, SUPERVISOR,
                    row("idle, before", idle), row("during the storm", storm), seconds(escalated),
                    CpuShares.report(cpuBefore, cpuEscalated, moved));
            System.out.println(report);
            Files.writeString(Path.of("target", "deadline-storm-benchmark.txt"), report, StandardCharsets.UTF_8);
            System.exit(0); // the probe's executor thread
        }
    }

    /** Jobs the executor should be running now: due (or without a due date), not suspended, with retries left. */
    private static long dueJobs(JdbcClient sql) {
        return sql.sql("SELECT COUNT(*) FROM act_ru_job WHERE retries_ > 0 AND suspension_state_ = 1 "
                + "AND (duedate_ IS NULL OR duedate_ <= ?)").param(Timestamp.from(Instant.now())).query(Long.class).single();
    }

    private static long count(JdbcClient sql, String query) {
        return sql.sql(query).query(Long.class).single();
    }

    private static void waitUntil(String what, Callable<Boolean> condition, Duration atMost) {
        long start = System.nanoTime();
        Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(500)).until(condition);
        System.out.printf("%s after %d s%n", what, (System.nanoTime() - start) / 1_000_000_000);
    }

    private static String seconds(Duration d) {
        return d == null ? "not reached" : "%.1f s".formatted(d.toMillis() / 1000.0);
    }

    private static String row(String phase, long[] sortedMillis) {
        if (sortedMillis.length == 0) {
            return "| %s | 0 | | | |".formatted(phase);
        }
        return "| %s | %d | %d | %d | %d |".formatted(phase, sortedMillis.length, sortedMillis[sortedMillis.length / 2],
                sortedMillis[(int) Math.min(sortedMillis.length - 1, Math.ceil(sortedMillis.length * 0.99) - 1)],
                sortedMillis[sortedMillis.length - 1]);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    /** Asks Tasklist's query back to back, as the district supervisor, and keeps each answer's latency. */
    /** CPU time of this JVM's threads by what they do, to tell the deadlines' share from Tasklist's and H2's. */
    static final class CpuShares {

        static final Map<String, String> GROUPS = Map.of(
                "camundaTaskExecutor", "job executor threads (the timers)",
                "http-nio", "web threads (the Tasklist queries)",
                "H2", "H2 background (writing and compacting the file)",
                "MVStore", "H2 background (writing and compacting the file)",
                "scheduling", "scheduled tasks (breach mail rounds)",
                "JobExecutor", "job acquisition");

        static Map<String, Long> now() {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            Map<String, Long> cpu = new java.util.TreeMap<>();
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    String group = GROUPS.entrySet().stream().filter(g -> info.getThreadName().startsWith(g.getKey()))
                            .map(Map.Entry::getValue).findFirst().orElse("other (GC and JIT not included)");
                    cpu.merge(group, nanos, Long::sum);
                }
            }
            cpu.put("process, GC and JIT included", ((com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
            return cpu;
        }

        static String report(Map<String, Long> before, Map<String, Long> after, long deadlines) {
            if (after == null) {
                return "(not all escalated)";
            }
            StringBuilder out = new StringBuilder("| threads | CPU s | ms per deadline |\n| --- | --- | --- |\n");
            after.forEach((group, nanos) -> {
                double seconds = (nanos - before.getOrDefault(group, 0L)) / 1e9;
                out.append("| %s | %.1f | %.1f |%n".formatted(group, seconds, seconds * 1000 / deadlines));
            });
            return out.toString();
        }
    }

    static final class TasklistProbe {

        /**
         * One query a second, at a fixed rate (a supervisor's screen refreshing, not a load test of its own): the load
         * the probe adds does not depend on how fast it is answered. A query answered late is followed at once.
         */
        static final long INTERVAL_MILLIS = 1000;

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final HttpRequest request;
        private final AtomicBoolean stopped = new AtomicBoolean();

        TasklistProbe(int port) {
            String auth = "Basic " + Base64.getEncoder().encodeToString((SUPERVISOR + ":demo").getBytes(StandardCharsets.UTF_8));
            request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + TASKLIST_QUERY))
                    .header("Authorization", auth).header("Accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build();
        }

        long[] run(Duration duration) throws Exception {
            long end = System.nanoTime() + duration.toNanos();
            return runWhile(() -> System.nanoTime() < end);
        }

        long[] runUntilStopped() throws Exception {
            return runWhile(() -> !stopped.get());
        }

        private long[] runWhile(BooleanSupplier going) throws Exception {
            List<Long> millis = new ArrayList<>();
            long next = System.nanoTime();
            while (going.getAsBoolean()) {
                millis.add(once());
                next += INTERVAL_MILLIS * 1_000_000;
                long wait = (next - System.nanoTime()) / 1_000_000;
                if (wait > 0) {
                    Thread.sleep(wait);
                } else {
                    next = System.nanoTime();
                }
            }
            return sorted(millis);
        }

        void stop() {
            stopped.set(true);
        }

        private long once() throws Exception {
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = (System.nanoTime() - t0) / 1_000_000;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Tasklist query answered " + response.statusCode() + ": " + response.body());
            }
            return took;
        }

        private static long[] sorted(List<Long> millis) {
            long[] values = millis.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(values);
            return values;
        }
    }
}
