package org.civicflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.civicflow.TestPostgres;
import org.civicflow.audit.AuditEntry;
import org.civicflow.audit.CanonicalJson;
import org.civicflow.audit.ChainVerification;
import org.civicflow.audit.VerifyAuditChain;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * Verifying a chain of 1,000,000 entries (issue 5: under 60 s).
 *
 * <p>For each database named in {@code bench.databases} ({@code h2}, the default, a fresh file database under
 * {@code target/bench-audit-chain}; {@code postgresql}, the embedded one the tests use): migrates the schema with the
 * application's Flyway scripts, seeds {@code bench.entries} valid entries by JDBC batch inserts — details made with
 * {@link CanonicalJson}, hashes with {@link AuditEntry#canonical()} and {@link AuditEntry#hash}, the production code,
 * not through the engine — then times the command-line verifier ({@link VerifyAuditChain#verify}, which runs the same
 * {@code ChainVerifier} as {@code GET /api/v1/audit/verify}) twice, sampling the heap while it runs. Run it with a
 * small heap to show the walk does not hold the chain in memory. The verifier's CPU time is printed too: on a machine
 * shared with other work it says what the verification costs, whatever share of the cores it got.
 *
 * <pre>./mvnw -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-Xmx256m -Dbench.databases=h2,postgresql -cp %classpath org.civicflow.bench.AuditChainBenchmark"</pre>
 */
public final class AuditChainBenchmark {

    static final int ENTRIES = Integer.getInteger("bench.entries", 1_000_000);
    static final int BATCH = 5_000;
    /** {@code -Dbench.seed=false}: verify the H2 database a previous run left under target/ again, without seeding. */
    static final boolean SEED = !"false".equals(System.getProperty("bench.seed"));

    private AuditChainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder report = new StringBuilder();
        for (String database : System.getProperty("bench.databases", "h2").split(",")) {
            String url;
            String user;
            if (database.equals("postgresql")) {
                url = TestPostgres.jdbcUrl("audit_chain_bench");
                user = "postgres";
            } else {
                Path data = Path.of("target", "bench-audit-chain");
                if (SEED) {
                    FileSystemUtils.deleteRecursively(data);
                }
                url = "jdbc:h2:file:./" + data + "/chain;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE";
                user = "sa";
            }
            String head;
            if (SEED) {
                // the portable migrations only: PostgreSQL's append-only trigger would refuse the head's jump to the end
                Flyway.configure().dataSource(new DriverManagerDataSource(url, user, "")).table("cf_schema_history")
                        .locations("classpath:db/migration").load().migrate();
                String loadBeforeSeed = AuditOverheadBenchmark.loadAverage();
                long start = System.nanoTime();
                head = seed(url, user);
                double seeded = (System.nanoTime() - start) / 1e9;
                report.append("%s: seeded %,d entries in %.1f s (load average before %s)%n".formatted(database,
                        ENTRIES, seeded, loadBeforeSeed));
                System.out.print(report.substring(report.lastIndexOf(database + ": seeded")));
            } else {
                head = new JdbcTemplate(new DriverManagerDataSource(url, user, ""))
                        .queryForObject("SELECT hash FROM cf_audit_head WHERE id = 1", String.class);
            }

            for (int run = 1; run <= 2; run++) {
                System.gc();
                String load = AuditOverheadBenchmark.loadAverage();
                HeapSampler heap = new HeapSampler();
                heap.start();
                long t0 = System.nanoTime();
                long cpu0 = threadCpu();
                long processCpu0 = processCpu();
                ChainVerification result = VerifyAuditChain.verify(url, user, "");
                double took = (System.nanoTime() - t0) / 1e9;
                double cpu = (threadCpu() - cpu0) / 1e9;
                double processCpu = (processCpu() - processCpu0) / 1e9;
                heap.interrupt();
                heap.join();
                String line = "%s: verify run %d: %.1f s, %,.0f entries/s, valid %s, entries %,d, head matches %s; "
                        + "CPU time: verifying thread %.1f s, whole JVM %.1f s; "
                        + "heap used at most %d MB of max %d MB; load average before %s, after %s%n";
                report.append(line.formatted(database, run, took, result.entries() / took, result.valid(),
                        result.entries(), head.equals(result.head()), cpu, processCpu, heap.peak.get() >> 20,
                        Runtime.getRuntime().maxMemory() >> 20, load, AuditOverheadBenchmark.loadAverage()));
                System.out.print(report.substring(report.lastIndexOf(database + ": verify run")));
            }
        }
        report.append("JVM: %s %s, %d processors available%n".formatted(System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
        System.out.println(report);
        Files.writeString(Path.of("target", "audit-chain-benchmark.txt"), report, StandardCharsets.UTF_8);
        System.exit(0); // the embedded PostgreSQL's shutdown hook stops it
    }

    /** CPU time of this thread (H2 embedded runs its queries in the caller's thread), in nanoseconds. */
    private static long threadCpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** CPU time of the whole JVM (with the garbage collector and, on PostgreSQL, the driver), in nanoseconds. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Inserts the chain in batches, computing each hash as the ledger would; returns the head hash. */
    private static String seed(String url, String user) throws SQLException {
        Instant base = Instant.now().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        String prev = AuditEntry.GENESIS;
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO cf_audit_entry (seq, recorded_at, actor, office, business_key, process_instance_id,
                        action, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (long seq = 1; seq <= ENTRIES; seq++) {
                    AuditEntry entry = entry(seq, base.plus(seq * 37, ChronoUnit.MILLIS), prev);
                    insert.setLong(1, seq);
                    insert.setObject(2, entry.timestamp().atOffset(ZoneOffset.UTC));
                    insert.setString(3, entry.actor());
                    insert.setString(4, entry.office());
                    insert.setString(5, entry.businessKey());
                    insert.setString(6, entry.processInstanceId());
                    insert.setString(7, entry.action());
                    insert.setString(8, entry.details());
                    insert.setString(9, entry.prevHash());
                    insert.setString(10, entry.hash());
                    insert.addBatch();
                    prev = entry.hash();
                    if (seq % BATCH == 0 || seq == ENTRIES) {
                        insert.executeBatch();
                        c.commit();
                    }
                    if (seq % 100_000 == 0) {
                        System.out.printf("seeded %,d entries%n", seq);
                    }
                }
            }
            try (PreparedStatement head = c.prepareStatement("UPDATE cf_audit_head SET seq = ?, hash = ? WHERE id = 1")) {
                head.setLong(1, ENTRIES);
                head.setString(2, prev);
                head.executeUpdate();
            }
            c.commit();
        }
        return prev;
    }

    /** A mix like the real trail's: status changes, rule evaluations (the longest), user operations, variables. */
    private static AuditEntry entry(long seq, Instant at, String prev) {
        String businessKey = "CQ-2026-%06d".formatted(seq / 12 + 1);
        String instance = "8f1c2d3e-%04x-11f1-9a3b-0242ac120002".formatted(seq / 12 % 65_536);
        Map<String, Object> details = new LinkedHashMap<>();
        String action;
        String actor;
        String office;
        switch ((int) (seq % 4)) {
            case 0 -> {
                action = "CASE_STATUS_CHANGED";
                actor = "500106003-handler";
                office = actor;
                details.put("caseEventId", seq);
                details.put("fromStatus", "DISPATCHED");
                details.put("toStatus", "IN_PROGRESS");
                details.put("officeGroup", office);
                details.put("reason", "签收 signed for");
            }
            case 1 -> {
                action = "RULES_EVALUATED";
                actor = "system";
                office = null;
                details.put("area", "routing");
                details.put("version", "routing-2026.11.3");
                details.put("firedRules", List.of("Noise at night is a complaint for the subdistrict",
                        "A subdistrict code routes to its handler"));
                details.put("facts", List.of(
                        Map.of("type", "RoutingRequest", "value", Map.of("category", "noise",
                                "description", "广场舞音响太吵 Loud music every night " + seq, "divisionCode", "500106003",
                                "attributes", Map.of("dangerToLife", false))),
                        Map.of("type", "RoutingDecision", "value", Map.of("slaClass", "complaint",
                                "officeRole", "handler", "responseLevel", "none", "score", 2.5))));
            }
            case 2 -> {
                action = "USER_OPERATION";
                actor = "500106-dispatch";
                office = actor;
                details.put("operationId", "op-" + seq);
                details.put("operationType", "Complete");
                details.put("entityType", "Task");
                details.put("category", "TaskWorker");
                details.put("taskId", "task-" + seq);
                details.put("processDefinitionKey", "citizenRequest");
                details.put("changes", List.of(Map.of("property", "delete", "orgValue", "false", "newValue", "true")));
            }
            default -> {
                action = "VARIABLE_SET";
                actor = "500106-dispatch";
                office = actor;
                details.put("name", "dispatchTo");
                details.put("type", "string");
                details.put("revision", 1);
                details.put("value", "500106003-handler");
            }
        }
        AuditEntry unhashed = new AuditEntry(seq, at, actor, office, businessKey, instance, action,
                CanonicalJson.of(details), prev, null);
        return new AuditEntry(seq, at, actor, office, businessKey, instance, action, unhashed.details(), prev,
                AuditEntry.hash(prev, unhashed.canonical()));
    }

    /** The largest heap in use while the verifier runs, sampled every 20 ms. */
    private static final class HeapSampler extends Thread {
        final AtomicLong peak = new AtomicLong();
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
