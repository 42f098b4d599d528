package org.civicflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for the case API against a running civicflow (issue 6). Dependency-free, so it runs as a single source
 * file against any instance:
 *
 * <pre>
 * java src/test/java/org/civicflow/bench/LoadDriver.java --base http://localhost:8080 --rates 50,100,150 --seconds 30
 * </pre>
 *
 * For each rate it sends {@code POST /api/v1/cases} at a fixed arrival rate (open loop: a request is sent on schedule
 * whether or not earlier ones have answered, and latency counts from the scheduled time, so a stalled server cannot
 * hide its queue) and reports the cases/s completed, p50/p99/max latency and errors. Then, in the same run, the same
 * for a bare engine start of an equivalent one-task process through {@code /engine-rest} (deployed by the driver), and
 * a closed-loop saturation of both (N workers back to back) for the throughput ratio: the two sides take turns in
 * windows ({@code --windows}, 4 by default, that add up to {@code --seconds}), so that a slow stretch of the machine
 * falls on both.
 *
 * <p>Only ever sends to the given base URL (use a local one). Every phase is bounded in requests and time.
 */
public final class LoadDriver {

    private static final String ONE_TASK_BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_BenchOneTask"
                targetNamespace="http://civicflow.org/bench">
              <bpmn:process id="benchOneTask" name="Bench: one user task" isExecutable="true" camunda:historyTimeToLive="1">
                <bpmn:startEvent id="StartEvent_Received"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Received" targetRef="UserTask_Handle" />
                <bpmn:userTask id="UserTask_Handle" name="Handle" camunda:candidateGroups="500103003-handler">
                  <bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing></bpmn:userTask>
                <bpmn:sequenceFlow id="Flow_2" sourceRef="UserTask_Handle" targetRef="EndEvent_Done" />
                <bpmn:endEvent id="EndEvent_Done"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
              </bpmn:process>
            </bpmn:definitions>
            """;

    private static final String[] CASES = {
        """
        {"category":"noise","description":"广场舞音响太吵 bench","location":{"lat":29.5575,"lon":106.5770},
         "address":"渝中区解放碑街道民族路188号","reporter":{"name":"张三","phone":"13800000000"},"channel":"web"}""",
        """
        {"category":"streetlight","description":"路灯坏了 bench","divisionCode":"500106001","channel":"hotline"}""",
        """
        {"category":"waste","description":"垃圾没人清运 bench","divisionCode":"500103003","channel":"app",
         "reporter":{"email":"bench@example.org"}}""",
        """
        {"category":"road-damage","description":"路面坑洼 bench","location":{"lat":29.5575,"lon":106.5770},"channel":"agency"}"""
    };

    public record Result(String name, double offeredRate, int sent, int ok, int errors, double seconds, double perSecond,
                  double p50, double p99, double max) {
        public String line() {
            return String.format("| %-22s | %6s | %6d | %6d | %8.1f | %7.1f | %7.1f | %7.1f |", name,
                    offeredRate > 0 ? String.format("%.0f", offeredRate) : "closed", ok, errors, perSecond, p50, p99, max);
        }
    }

    private final URI base;
    private final HttpClient http;
    private final String apiAuth;
    private final String engineAuth;
    /** An answer slower than this is reported with the second it was scheduled in (the latency target's p99). */
    private static final long SLOW_MILLIS = 250;

    public LoadDriver(URI base, String apiUser, String engineUser) {
        this.base = base;
        ExecutorService io = Executors.newFixedThreadPool(64);
        this.http = HttpClient.newBuilder().executor(io).connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        this.apiAuth = basic(apiUser);
        this.engineAuth = basic(engineUser);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        URI base = URI.create(opts.getOrDefault("base", "http://localhost:8080"));
        if (!List.of("localhost", "127.0.0.1", "[::1]").contains(base.getHost())) {
            throw new IllegalArgumentException("The load driver only targets this machine (localhost), not " + base);
        }
        // "--rates none" skips the fixed-rate phases (only warm-up and saturation, e.g. while profiling).
        String rateList = opts.getOrDefault("rates", "50,100,150");
        double[] rates = rateList.equals("none") ? new double[0]
                : Arrays.stream(rateList.split(",")).mapToDouble(Double::parseDouble).toArray();
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "15"));
        // The JIT needs a few thousand requests before a case costs what it costs in a running server. By default the
        // warm-up is a closed loop of a few clients, which cannot queue more than the application serves; a fixed
        // rate (--warmup-rate) falls behind on a slow machine while the JIT is still compiling, and the requests its
        // clients gave up on are still served in the first measured phase.
        double warmupRate = Double.parseDouble(opts.getOrDefault("warmup-rate", "0"));
        int warmupWorkers = Integer.parseInt(opts.getOrDefault("warmup-workers", "4"));
        // After the warm-up's minimum it goes on, a round at a time, until the JIT has settled: until the
        // application's compilers spent less than this in a round (its jvm.compilation.time metric), or the maximum.
        long settledMillis = Long.parseLong(opts.getOrDefault("jit-settled", "600"));
        int warmupMax = Integer.parseInt(opts.getOrDefault("warmup-max", String.valueOf(Math.max(warmup, 900))));
        int workers = Integer.parseInt(opts.getOrDefault("workers", "8"));
        LoadDriver driver = new LoadDriver(base, opts.getOrDefault("api-user", "demo-client:demo"),
                opts.getOrDefault("engine-user", "demo:demo"));

        driver.deployOneTaskProcess();
        System.out.printf("civicflow load driver: %s, %s, %d s per phase, warm-up %d–%d s (%s) until the JIT spends "
                        + "under %d ms per %d s, %d cores%n", base, Instant.now(), seconds, warmup, warmupMax,
                warmupRate > 0 ? String.format("%.0f/s", warmupRate) : warmupWorkers + " clients back to back", settledMillis,
                WARMUP_ROUND, Runtime.getRuntime().availableProcessors());
        System.out.printf("machine speed at the start: %.0f ms for a fixed CPU task, %.0f ms for a fixed memory task%n",
                machineSpeed(), memorySpeed());
        // "--only cases" (or "engine") runs just that side, e.g. while profiling one of them.
        String only = opts.getOrDefault("only", "both");
        boolean caseSide = !only.equals("engine");
        boolean engineSide = !only.equals("cases");
        IntFunction<HttpRequest> warmupRequest = !engineSide ? driver::caseRequest : !caseSide ? driver::engineRequest
                : i -> i % 2 == 0 ? driver.caseRequest(i / 2) : driver.engineRequest(i / 2);
        driver.warmUp(warmup, warmupMax, warmupRate, warmupWorkers, settledMillis, warmupRequest);
        // A rehearsal: the fixed-rate phases once, not counted. A few clients back to back never make a request wait
        // behind others, never a new longest request, never a large group commit; at a fixed rate the first such
        // moments take branches the JIT compiled as never taken, and each one throws away the compiled method (Tomcat's
        // request handling with all it inlines, H2's store), which runs slower until it is compiled again: with every
        // core busy that takes seconds (the JVM's compilation time is elapsed time, 7-24 s of it in the first 100/s
        // phase, while the compiler threads had a small share of the CPU). A server in service has long taken them.
        // "--rehearsals N" runs it N times (1 by default; with 0 the measured phases include that).
        // The closed loops too, one window of each side: the first window of many clients back to back, the first
        // commit groups of a dozen, took the JIT's recompilations (0.9 s of it in the cases' first window, which
        // answered 156/s against 170-206/s in the three that followed).
        int rehearsals = Integer.parseInt(opts.getOrDefault("rehearsals", "1"));
        int windows = caseSide && engineSide ? Integer.parseInt(opts.getOrDefault("windows", "4")) : 1;
        int window = Math.max(1, Math.round((float) seconds / windows));
        for (int pass = 0; pass < rehearsals; pass++) {
            for (double rate : rates) {
                if (caseSide) {
                    driver.rehearse(() -> driver.openLoop("rehearsal: cases", rate, seconds, driver::caseRequest));
                }
                if (engineSide) {
                    driver.rehearse(() -> driver.openLoop("rehearsal: engine", rate, seconds, driver::engineRequest));
                }
            }
            if (caseSide) {
                driver.rehearse(() -> driver.closedLoop("rehearsal: cases", workers, window, driver::caseRequest));
            }
            if (engineSide) {
                driver.rehearse(() -> driver.closedLoop("rehearsal: engine", workers, window, driver::engineRequest));
            }
        }

        // Each measured phase starts with no job waiting, and its CPU is counted until the jobs it caused are done: the
        // cases' mail jobs are part of what a case costs, and would otherwise run during the next phase and take its CPU.
        List<Phase> results = new ArrayList<>();
        for (double rate : rates) {
            if (caseSide) {
                results.add(driver.measured(() -> driver.openLoop("POST /api/v1/cases", rate, seconds, driver::caseRequest)));
            }
            if (engineSide) {
                results.add(driver.measured(() -> driver.openLoop("engine-rest start", rate, seconds, driver::engineRequest)));
            }
        }
        // The closed loops of the two sides take turns, in "--windows" windows each that add up to the phase length:
        // a slow stretch of a shared machine then falls on both sides alike rather than on the one that ran in it.
        Phase[] saturation = driver.alternatingClosedLoops(caseSide, engineSide, workers, window, windows);
        Phase cases = saturation[0];
        Phase engine = saturation[1];
        if (cases != null) {
            results.add(cases);
        }
        if (engine != null) {
            results.add(engine);
        }

        System.out.printf("machine speed at the end: %.0f ms for the same task, %.0f ms for the same memory task%n",
                machineSpeed(), memorySpeed());
        System.out.println();
        System.out.println("| phase                  | rate/s | ok     | errors | done/s   | p50 ms  | p99 ms  | max ms  | app CPU ms/req |");
        System.out.println("|------------------------|--------|--------|--------|----------|---------|---------|---------|----------------|");
        results.forEach(r -> System.out.println(r.line()));
        if (cases != null && engine != null) {
            // The CPU ratio is what the throughput ratio would be if both sides were bound by the CPU alone (not by
            // waits such as the group commit's gathering and spacing, which cap a few closed-loop workers).
            System.out.printf("%nsaturation (%d workers): cases %.1f/s, bare engine starts %.1f/s, ratio %.2f; "
                            + "application CPU per case %.1f ms, per bare engine start %.1f ms, CPU ratio %.2f%n", workers,
                    cases.result().perSecond(), engine.result().perSecond(),
                    cases.result().perSecond() / engine.result().perSecond(), cases.cpuMillisPerRequest(),
                    engine.cpuMillisPerRequest(), engine.cpuMillisPerRequest() / cases.cpuMillisPerRequest());
        }
        System.exit(0);
    }

    /**
     * A fixed amount of CPU work (SHA-256 over 64 MB, best of three) in milliseconds, measured while the application is
     * idle: on a shared or virtual machine the same work takes visibly longer in some stretches than in others, and
     * the figures of a run are only comparable with those of another run of about the same speed.
     */
    static double machineSpeed() throws Exception {
        byte[] block = new byte[1 << 20];
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 64; i++) {
                block[0] = (byte) i;
                block = Arrays.copyOf(sha.digest(block), 1 << 20);
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
        return best;
    }

    /**
     * A fixed amount of memory-bound work in milliseconds (4 million dependent random reads over 256 MB, best of
     * three): the application waits on memory more than on arithmetic, and on one day it cost twice the CPU per case
     * while {@link #machineSpeed()} read the same as the day before.
     */
    static double memorySpeed() {
        int[] next = new int[64 << 20];
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = 0; i < next.length; i++) {
            next[i] = i;
        }
        for (int i = next.length - 1; i > 0; i--) { // one cycle through every slot (Sattolo), so each read waits on the last
            int j = random.nextInt(i);
            int swap = next[i];
            next[i] = next[j];
            next[j] = swap;
        }
        double best = Double.MAX_VALUE;
        int at = 0;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 4_000_000; i++) {
                at = next[at];
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
        if (at < 0) {
            throw new IllegalStateException(); // keeps the reads from being optimised away
        }
        return best;
    }

    public HttpRequest caseRequest(int i) {
        return HttpRequest.newBuilder(base.resolve("/api/v1/cases"))
                .header("Authorization", apiAuth).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(CASES[i % CASES.length], StandardCharsets.UTF_8)).build();
    }

    HttpRequest engineRequest(int i) {
        String body = """
                {"businessKey":"BENCH-%d-%d","variables":{"description":{"value":"bench","type":"String"},
                 "category":{"value":"noise","type":"String"}}}""".formatted(System.nanoTime(), i);
        return HttpRequest.newBuilder(base.resolve("/engine-rest/process-definition/key/benchOneTask/start"))
                .header("Authorization", engineAuth).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /** The length of a warm-up round: the JIT's work is measured per round. */
    static final int WARMUP_ROUND = 30;

    /**
     * Warms the application up for at least {@code minSeconds}, then a round of {@value #WARMUP_ROUND} s at a time until
     * its compilers spent less than {@code settledMillis} in the last round (they compile what the requests use, then
     * recompile less and less), or until {@code maxSeconds}. Prints each round's compilation time.
     */
    void warmUp(int minSeconds, int maxSeconds, double rate, int workers, long settledMillis,
                IntFunction<HttpRequest> request) throws Exception {
        long start = System.nanoTime();
        double compiledBefore = metric("jvm.compilation.time");
        StringBuilder rounds = new StringBuilder();
        int round = 0;
        while (true) {
            int elapsed = (int) ((System.nanoTime() - start) / 1_000_000_000L);
            int length = elapsed < minSeconds ? Math.min(WARMUP_ROUND, minSeconds - elapsed) : WARMUP_ROUND;
            double compiledAt = metric("jvm.compilation.time");
            Result result = warmupRound(++round, rate, workers, length, request);
            double compiled = metric("jvm.compilation.time") - compiledAt;
            rounds.append(String.format(" %d:%.0f/s,%.0fms", round, result.perSecond(), compiled));
            elapsed = (int) ((System.nanoTime() - start) / 1_000_000_000L);
            boolean settled = Double.isNaN(compiled) || (compiled < settledMillis && length == WARMUP_ROUND);
            if (elapsed >= maxSeconds || (elapsed >= minSeconds && settled)) {
                System.out.printf("  warm-up %d s, %s; JIT %.0f ms in all; per round (answers/s, compilation):%s%n", elapsed,
                        Double.isNaN(compiled) ? "the JIT unknown (no jvm.compilation.time metric)"
                                : settled ? "the JIT settled" : "the JIT did NOT settle by the maximum",
                        metric("jvm.compilation.time") - compiledBefore, rounds);
                return;
            }
        }
    }

    private Result warmupRound(int round, double rate, int workers, int seconds, IntFunction<HttpRequest> request)
            throws Exception {
        return rate > 0 ? openLoop("warm-up " + round, rate, seconds, request)
                : closedLoop("warm-up " + round, workers, seconds, request);
    }

    /** A phase's result and the application's CPU per answered request, from its start until its jobs were done. */
    record Phase(Result result, double cpuMillisPerRequest) {
        String line() {
            return result.line() + String.format(" %14.1f |", cpuMillisPerRequest);
        }
    }

    /**
     * Runs a phase that is not counted (its line is printed as it ends) and prints what the cores, the JIT and the
     * garbage collector did in it.
     */
    void rehearse(Callable<Result> phase) throws Exception {
        awaitNothingWaiting();
        double[] runtimeBefore = jitAndGc();
        Cores cores = Cores.start(this);
        phase.call();
        String used = cores.end(this);
        double[] runtime = jitAndGc();
        awaitNothingWaiting();
        System.out.printf("  rehearsal, not counted; %s%n", runtimeLine(used, runtimeBefore, runtime));
    }

    /**
     * Runs a phase with no job waiting before it, and counts the application's CPU time (its {@code process.cpu.time}
     * metric) from the phase's start until the jobs it caused are done. CPU time per request varies far less than
     * throughput with the speed of a shared machine.
     */
    Phase measured(Callable<Result> phase) throws Exception {
        awaitNothingWaiting();
        double before = cpuSeconds();
        double[] groupsBefore = groupCommits();
        double[] runtimeBefore = jitAndGc();
        Cores cores = Cores.start(this);
        Result result = phase.call();
        String used = cores.end(this);
        double[] groups = groupCommits();
        double[] runtime = jitAndGc();
        awaitNothingWaiting();
        double checkpoints = groups[0] - groupsBefore[0];
        if (checkpoints > 0) {
            // on the H2 file default: a slow checkpoint holds up the answers of every commit in its group
            System.out.printf("  H2 checkpoints: %.0f, %.1f commits each, %.1f ms on average, %.0f over 250 ms%n",
                    checkpoints, (groups[1] - groupsBefore[1]) / checkpoints,
                    (groups[2] - groupsBefore[2]) * 1000 / checkpoints, groups[3] - groupsBefore[3]);
        }
        System.out.printf("  %s%n", runtimeLine(used, runtimeBefore, runtime));
        return new Phase(result, (cpuSeconds() - before) * 1000 / Math.max(1, result.ok()));
    }

    /**
     * The cores in use during a phase: the machine's (Linux's {@code /proc/stat}: busy, and stolen by the hypervisor)
     * and the application's ({@code process.cpu.time}). When the machine is busy and the application is not, something
     * else took the cores; when a phase queues with cores to spare, requests wait on something other than the CPU.
     */
    record Cores(long nanos, long[] machine, double application) {

        static Cores start(LoadDriver driver) throws Exception {
            return new Cores(System.nanoTime(), machineTicks(), driver.cpuSeconds());
        }

        /** What was used since {@link #start}, as part of a line: "cores: machine 1.90 of 2 (stolen 0.10), application 1.60". */
        String end(LoadDriver driver) throws Exception {
            double seconds = (System.nanoTime() - nanos) / 1e9;
            double application = (driver.cpuSeconds() - this.application) / seconds;
            long[] now = machineTicks();
            if (machine == null || now == null || now[2] == machine[2]) {
                return String.format("cores: application %.2f", application);
            }
            // ticks of all cores: busy and stolen as a share of the total, times the cores
            double cores = Runtime.getRuntime().availableProcessors();
            double total = now[2] - machine[2];
            return String.format("cores: machine %.2f of %.0f (stolen %.2f), application %.2f",
                    (now[0] - machine[0]) / total * cores, cores, (now[1] - machine[1]) / total * cores, application);
        }

        /** Busy, stolen and all ticks of the machine's cores so far; null where there is no {@code /proc/stat}. */
        static long[] machineTicks() {
            try {
                // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                long all = 0;
                for (int i = 1; i <= 8 && i < f.length; i++) {
                    long ticks = Long.parseLong(f[i]);
                    all += ticks;
                    if (i != 4 && i != 5 && i != 8) { // not idle, not waiting for I/O, not stolen
                        busy += ticks;
                    }
                }
                return new long[] {busy, f.length > 8 ? Long.parseLong(f[8]) : 0, all};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * What took the cores or stopped the application during a phase: the machine (this driver among it) and the
     * application, the JIT and the garbage collector ({@link #jitAndGc()} before and after).
     */
    static String runtimeLine(String cores, double[] before, double[] after) {
        return String.format("%s; JIT %.0f ms elapsed; GC pauses: %.0f, %.0f ms in all", cores, after[0] - before[0],
                after[1] - before[1], (after[2] - before[2]) * 1000);
    }

    /** The group commit's checkpoints, commits written, checkpoint seconds and slow checkpoints so far (NaN without). */
    double[] groupCommits() throws Exception {
        return new double[] {metric("civicflow.database.checkpoints"), metric("civicflow.database.commits.written"),
            metric("civicflow.database.checkpoint.time", "TOTAL_TIME"), metric("civicflow.database.checkpoints.slow")};
    }

    /**
     * The application's JIT compilation time (ms: elapsed, summed over the compiler threads; on busy cores far more than
     * their CPU time), GC pauses and GC pause seconds so far (NaN without).
     */
    double[] jitAndGc() throws Exception {
        return new double[] {metric("jvm.compilation.time"), metric("jvm.gc.pause", "COUNT"),
            metric("jvm.gc.pause", "TOTAL_TIME")};
    }

    /** The application's CPU time so far (NaN when its metrics endpoint does not answer here). */
    double cpuSeconds() throws Exception {
        return metric("process.cpu.time") / 1e9;
    }

    /** A metric's value from the application's metrics endpoint, NaN when it does not answer or has no such metric. */
    double metric(String name) throws Exception {
        return metric(name, "[A-Z_]+");
    }

    /** One statistic of a metric (COUNT, TOTAL_TIME, ...; a pattern), NaN when there is none. */
    double metric(String name, String statistic) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/actuator/metrics/" + name))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher value = Pattern.compile("\"statistic\":\"" + statistic + "\",\"value\":([0-9.Ee+-]+)")
                .matcher(response.body());
        return response.statusCode() == 200 && value.find() ? Double.parseDouble(value.group(1)) : Double.NaN;
    }

    /**
     * Waits (at most 10 minutes) until the engine has no executable job left and the mail outbox is empty: the mails of
     * earlier cases, sent by jobs or by the outbox's rounds.
     */
    void awaitNothingWaiting() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        HttpRequest count = HttpRequest.newBuilder(base.resolve("/engine-rest/job/count?executable=true"))
                .header("Authorization", engineAuth).GET().build();
        while (System.nanoTime() < deadline) {
            String body = http.send(count, HttpResponse.BodyHandlers.ofString()).body();
            if (body.replaceAll("\\s", "").equals("{\"count\":0}") && !(metric("civicflow.mail.outbox.waiting") > 0)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("jobs or mails still waiting after 10 minutes");
    }

    void deployOneTaskProcess() throws Exception {
        String boundary = "----civicflowbench" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbench-one-task\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"enable-duplicate-filtering\"\r\n\r\ntrue\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"bench-one-task.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + ONE_TASK_BPMN + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/engine-rest/deployment/create"))
                .header("Authorization", engineAuth).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Cannot deploy the bench process: " + response.statusCode() + " " + response.body());
        }
    }

    /** Sends at a fixed rate for {@code seconds}; latency from the scheduled send time. */
    Result openLoop(String name, double rate, int seconds, IntFunction<HttpRequest> request) throws Exception {
        int total = (int) Math.round(rate * seconds);
        long interval = Math.round(1_000_000_000.0 / rate);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        // the slowest answer to the requests scheduled in each second of the phase, to see when a queue built up
        AtomicLongArray slowestPerSecond = new AtomicLongArray(seconds + 1);
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger turnedAway = new AtomicInteger(); // 503: the intake was busy past its max wait, nothing stored
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.add(http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        long latency = System.nanoTime() - scheduled;
                        slowestPerSecond.accumulateAndGet((int) ((scheduled - start) / 1_000_000_000L), latency, Math::max);
                        if (failure == null && response.statusCode() / 100 == 2) {
                            latencies.add(latency);
                        } else {
                            errors.incrementAndGet();
                            if (failure == null && response.statusCode() == 503) {
                                turnedAway.incrementAndGet();
                            }
                        }
                    }));
        }
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(seconds + 60L, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // counted as errors below
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        printSlowSeconds(startedAt, slowestPerSecond);
        int failed = total - latencies.size();
        if (failed > 0) {
            System.out.printf("  not answered 2xx: %d answered 503 (busy, Retry-After), %d other (a timeout after 30 s, "
                    + "another status or no answer)%n", turnedAway.get(), failed - turnedAway.get());
        }
        return result(name, rate, total, latencies, failed, elapsed);
    }

    /**
     * The saturation of both sides: {@code windows} closed loops of each, taking turns (cases, engine, cases, …), of
     * {@code window} seconds each, every one {@link #measured}. Returns the cases' and the engine's phase (null
     * for a side not run), each summed over its windows: answers over the windows' time, latencies over all its
     * answers, CPU over all its answers.
     */
    Phase[] alternatingClosedLoops(boolean caseSide, boolean engineSide, int workers, int window, int windows)
            throws Exception {
        Window cases = new Window("POST /api/v1/cases");
        Window engine = new Window("engine-rest start");
        for (int w = 1; w <= windows; w++) {
            String of = windows > 1 ? String.format(" %d/%d", w, windows) : "";
            if (caseSide) {
                cases.add(measured(() -> closedLoop(cases.name + of, workers, window, this::caseRequest,
                        cases.latencies)));
            }
            if (engineSide) {
                engine.add(measured(() -> closedLoop(engine.name + of, workers, window, this::engineRequest,
                        engine.latencies)));
            }
        }
        return new Phase[] {caseSide ? cases.total() : null, engineSide ? engine.total() : null};
    }

    /** One side's closed-loop windows, added up. */
    private static final class Window {
        final String name;
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        int sent;
        int errors;
        double seconds;
        double cpuMillis;
        int ok;
        int windows;
        Phase last;

        Window(String name) {
            this.name = name;
        }

        void add(Phase phase) {
            windows++;
            last = phase;
            sent += phase.result().sent();
            errors += phase.result().errors();
            seconds += phase.result().seconds();
            ok += phase.result().ok();
            cpuMillis += phase.cpuMillisPerRequest() * Math.max(1, phase.result().ok());
        }

        Phase total() {
            if (windows == 1) {
                return last;
            }
            System.out.printf("  %s, its %d windows together:%n", name, windows);
            return new Phase(result(name, 0, sent, latencies, errors, seconds), cpuMillis / Math.max(1, ok));
        }
    }

    /** {@code workers} clients sending back to back for {@code seconds}: the throughput the server sustains. */
    public Result closedLoop(String name, int workers, int seconds, IntFunction<HttpRequest> request) throws Exception {
        return closedLoop(name, workers, seconds, request, new ConcurrentLinkedQueue<>());
    }

    /** A closed loop that adds its latencies to {@code latencies} (which may hold those of earlier windows). */
    private Result closedLoop(String name, int workers, int seconds, IntFunction<HttpRequest> request,
                              ConcurrentLinkedQueue<Long> latencies) throws Exception {
        ConcurrentLinkedQueue<Long> own = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger counter = new AtomicInteger();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<Void> r = http.send(request.apply(counter.getAndIncrement()), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() / 100 == 2) {
                            own.add(System.nanoTime() - sent);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        latencies.addAll(own);
        return result(name, 0, counter.get(), own, errors.get(), elapsed);
    }

    /**
     * The seconds of an open-loop phase in which some request took longer than {@link #SLOW_MILLIS}, with the slowest
     * answer of each, and the clock time of the phase's start: a run's p99 is often made by one stall (a pause, a
     * long write) and the queue after it, which this places in time next to the application's log.
     */
    private static void printSlowSeconds(Instant startedAt, AtomicLongArray slowestPerSecond) {
        StringBuilder slow = new StringBuilder();
        for (int second = 0; second < slowestPerSecond.length(); second++) {
            long millis = slowestPerSecond.get(second) / 1_000_000;
            if (millis > SLOW_MILLIS) {
                slow.append(' ').append(second).append("s:").append(millis);
            }
        }
        System.out.printf("  started %s; seconds with an answer over %d ms (second: slowest ms):%s%n", startedAt,
                SLOW_MILLIS, slow.isEmpty() ? " none" : slow);
    }

    private static Result result(String name, double rate, int sent, ConcurrentLinkedQueue<Long> latencies, int errors,
                                 double seconds) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        Result r = new Result(name, rate, sent, sorted.length, errors, seconds, sorted.length / seconds,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        System.out.println(r.line());
        return r;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return opts;
    }
}
