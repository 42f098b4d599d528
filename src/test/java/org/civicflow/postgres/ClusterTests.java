package org.civicflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.civicflow.CivicflowApplication;
import org.civicflow.TestPostgres;
import org.civicflow.audit.AuditTrail;
import org.civicflow.audit.ChainVerification;
import org.civicflow.bench.LoadDriver;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Two application nodes (two Spring contexts, each with its web server on a random port and its job executor ON) on
 * one embedded PostgreSQL, as in production behind a load balancer. Runs in a JVM of its own (surefire execution
 * {@code cluster-tests}, tag {@code cluster}): Camunda keeps a JVM-wide registry of engines by name.
 *
 * <p>Counts: {@code -Dcivicflow.cluster.cases=N} (default 200 in the pom, 300 without it; the full run is 2000; docs/operations.md).
 * <ol>
 * <li>N cases submitted concurrently over HTTP, half to each node: every 201 is one case with one process instance;
 * <li>the N sign-for deadlines fall due at once (with the benchmark on: half on node B alone, then half on both, for
 * the timer throughput of one node against two): each timer fires once (one breach, one supervision task, one breach
 * mail per case) and the audit trail stays one valid chain;
 * <li>the N reminders fall due, node A dies (its connections are cut, then its context is closed) while it holds locked
 * jobs: node B runs them after the lock expires and every case gets its reminder exactly once.
 * </ol>
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTests {

    static final int CASES = Integer.getInteger("civicflow.cluster.cases", 300);
    static final int LOCK_MILLIS = 10_000;
    static final int SMTP_PORT = 3926;

    static GreenMail smtp;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    static JdbcTemplate jdbc;
    static final List<String> accepted = new ArrayList<>();

    @BeforeAll
    static void startTwoNodes() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String url = TestPostgres.jdbcUrl("civicflow_cluster");
        long t0 = System.nanoTime();
        nodeA = node("a", url);
        nodeB = node("b", url);
        System.out.printf("[cluster] two nodes up in %.1f s (ports %d, %d)%n", (System.nanoTime() - t0) / 1e9,
                port(nodeA), port(nodeB));
        jdbc = new JdbcTemplate(nodeB.getBean(DataSource.class));
    }

    @AfterAll
    static void stop() {
        if (nodeA != null && nodeA.isActive()) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    static ConfigurableApplicationContext node(String name, String url) {
        // as command-line arguments: they win over application-test.yml
        return new SpringApplicationBuilder(CivicflowApplication.class)
                .profiles("test")
                .run(Map.ofEntries(
                        Map.entry("server.port", "0"),
                        Map.entry("spring.datasource.url", url),
                        Map.entry("spring.datasource.username", "postgres"),
                        Map.entry("spring.datasource.password", ""),
                        Map.entry("spring.datasource.hikari.pool-name", "node-" + name),
                        Map.entry("spring.mail.port", String.valueOf(SMTP_PORT)),
                        Map.entry("camunda.bpm.database.type", "postgres"),
                        Map.entry("camunda.bpm.job-execution.enabled", "true"),
                        Map.entry("camunda.bpm.job-execution.lock-time-in-millis", String.valueOf(LOCK_MILLIS)),
                        Map.entry("camunda.bpm.job-execution.wait-time-in-millis", "200"),
                        Map.entry("camunda.bpm.job-execution.max-wait", "1000"),
                        Map.entry("camunda.bpm.job-execution.max-jobs-per-acquisition", "5"),
                        Map.entry("camunda.bpm.job-execution.core-pool-size", "3"),
                        Map.entry("camunda.bpm.job-execution.max-pool-size", "3"),
                        Map.entry("camunda.bpm.job-execution.deployment-aware", "false"),
                        // both nodes send the waiting mails, each round every second
                        Map.entry("civicflow.mail.outbox.scheduled", "true"),
                        Map.entry("civicflow.mail.outbox.interval", "PT1S"),
                        Map.entry("civicflow.mail.outbox.cases-listed", "100000"))
                        .entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    static String subjectAndText(jakarta.mail.internet.MimeMessage mail) {
        try {
            return mail.getSubject() + "\n" + mail.getContent();
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    /**
     * Case intake throughput, one node against two on the same PostgreSQL, same run: the load driver's closed loop
     * ({@link LoadDriver}) with the same number of clients in total. Only with {@code -Dcivicflow.cluster.bench-seconds=N}.
     */
    @Test
    @Order(0)
    void benchmarkIntakeOnOneNodeAndOnTwo() throws Exception {
        int seconds = Integer.getInteger("civicflow.cluster.bench-seconds", 0);
        Assumptions.assumeTrue(seconds > 0, "benchmark only with -Dcivicflow.cluster.bench-seconds=N");
        int workers = Integer.getInteger("civicflow.cluster.bench-workers", 8);
        LoadDriver a = new LoadDriver(URI.create("http://127.0.0.1:" + port(nodeA)), "demo-client:demo", "demo:demo");
        LoadDriver b = new LoadDriver(URI.create("http://127.0.0.1:" + port(nodeB)), "demo-client:demo", "demo:demo");
        a.closedLoop("warm-up A", workers / 2, Math.min(seconds, 10), a::caseRequest);
        b.closedLoop("warm-up B", workers / 2, Math.min(seconds, 10), b::caseRequest);
        LoadDriver.Result one = a.closedLoop("one node", workers, seconds, a::caseRequest);
        ExecutorService both = Executors.newFixedThreadPool(2);
        Future<LoadDriver.Result> onA = both.submit(() -> a.closedLoop("two nodes: A", workers / 2, seconds, a::caseRequest));
        Future<LoadDriver.Result> onB = both.submit(() -> b.closedLoop("two nodes: B", workers - workers / 2, seconds, b::caseRequest));
        LoadDriver.Result twoA = onA.get();
        LoadDriver.Result twoB = onB.get();
        both.shutdown();
        System.out.println("[cluster] | phase | ok | errors | done/s | p50 ms | p99 ms | max ms |");
        for (LoadDriver.Result r : List.of(one, twoA, twoB)) {
            System.out.println("[cluster] " + r.line());
        }
        System.out.printf("[cluster] intake, %d clients, %d s: one node %.1f cases/s; two nodes %.1f cases/s (%.1f + %.1f)%n",
                workers, seconds, one.perSecond(), twoA.perSecond() + twoB.perSecond(), twoA.perSecond(), twoB.perSecond());
        assertThat(one.errors() + twoA.errors() + twoB.errors()).isZero();
    }

    @Test
    @Order(1)
    void casesSubmittedToBothNodesConcurrentlyAreAllThereEachOnce() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("demo-client:demo".getBytes(StandardCharsets.UTF_8));
        int[] ports = {port(nodeA), port(nodeB)};
        ConcurrentLinkedQueue<String> keys = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        int workers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < CASES; i = next.getAndIncrement()) {
                    String body = """
                            {"category":"noise","description":"cluster %d 广场舞音响太吵","divisionCode":"500103003","channel":"hotline"}"""
                            .formatted(i);
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[i % 2] + "/api/v1/cases"))
                            .header("Authorization", auth).header("Content-Type", "application/json")
                            .header("Idempotency-Key", "cluster-" + i)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 201) {
                            String location = response.headers().firstValue("Location").orElseThrow();
                            keys.add(location.substring(location.lastIndexOf('/') + 1));
                        } else {
                            failures.incrementAndGet();
                            System.out.println("[cluster] " + response.statusCode() + " " + response.body());
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        System.out.println("[cluster] " + e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("[cluster] %d cases submitted to two nodes in %.1f s: %.1f cases/s, %d failed%n",
                keys.size(), seconds, keys.size() / seconds, failures.get());
        accepted.addAll(keys);

        assertThat(failures.get()).isZero();
        assertThat(accepted).hasSize(CASES).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cf_case WHERE description LIKE 'cluster %'", Integer.class))
                .isEqualTo(CASES);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT description) FROM cf_case WHERE description LIKE 'cluster %'",
                Integer.class)).isEqualTo(CASES);
        // every case has its running process instance with the same business key, and no instance is without a case
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM cf_case c JOIN act_ru_execution e
                  ON e.id_ = c.process_instance_id AND e.proc_inst_id_ = e.id_ AND e.business_key_ = c.business_key
                WHERE c.description LIKE 'cluster %'""", Integer.class)).isEqualTo(CASES);
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM act_hi_procinst p WHERE NOT EXISTS
                  (SELECT 1 FROM cf_case c WHERE c.process_instance_id = p.id_ AND c.business_key = p.business_key_)
                  AND p.proc_def_key_ = 'citizenRequest'""", Integer.class)).isZero();
    }

    @Test
    @Order(2)
    void deadlinesFallingDueAtOnceFireExactlyOnceOnTwoNodes() {
        assertThat(accepted).hasSize(CASES);
        awaitNoDueJobs(Duration.ofMinutes(3));
        // the intake's receipts and dispatch notices, sent by the outbox rounds of both nodes
        Awaitility.await("the outbox sent the intake's mails").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(250)).until(() -> count("SELECT COUNT(*) FROM cf_mail_outbox") == 0);
        int smtpBefore = smtp.getReceivedMessages().length;

        if (Integer.getInteger("civicflow.cluster.bench-seconds", 0) > 0) {
            // timer throughput, same run: half of the deadlines with node A's job executor stopped (one node), then
            // the other half with both
            int half = CASES / 2;
            JobExecutor executorA = nodeA.getBean(ProcessEngineConfigurationImpl.class).getJobExecutor();
            executorA.shutdown();
            double oneNode = deadlinesFallDue("one node", 0, half);
            executorA.start();
            double twoNodes = deadlinesFallDue("two nodes", half, CASES);
            System.out.printf("[cluster] timer throughput: one node %.1f deadlines/s, two nodes %.1f deadlines/s%n",
                    oneNode, twoNodes);
        } else {
            deadlinesFallDue("two nodes", 0, CASES); // all N at once
        }

        assertThat(perCase("DEADLINE_BREACHED", null)).containsOnlyKeys(accepted).allSatisfy((k, n) -> assertThat(n).isOne());
        assertThat(perCase("MAIL_SENT", "breach%")).containsOnlyKeys(accepted).allSatisfy((k, n) -> assertThat(n).isOne());
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM act_ru_task t JOIN cf_case c ON c.process_instance_id = t.proc_inst_id_
                WHERE t.task_def_key_ = 'UserTask_Supervise' AND c.description LIKE 'cluster %'""", Integer.class))
                .isEqualTo(CASES);
        // each case in one mail to its late office and one to the supervisor (a digest when several waited at once):
        // GreenMail keeps one copy per recipient, so every case is named in exactly two of the mails received
        List<String> mails = java.util.Arrays.stream(smtp.getReceivedMessages()).skip(smtpBefore)
                .map(ClusterTests::subjectAndText).toList();
        assertThat(mails.size()).isLessThanOrEqualTo(2 * CASES);
        assertThat(accepted).allSatisfy(key -> assertThat(mails.stream().filter(m -> m.contains(key)).count())
                .as("mails naming %s", key).isEqualTo(2));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_incident", Integer.class)).isZero();
        ChainVerification chain = nodeB.getBean(AuditTrail.class).verify();
        assertThat(chain.valid()).as(chain.problem()).isTrue();
        assertThat(chain.entries()).isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM cf_audit_entry", Long.class));
    }

    @Test
    @Order(3)
    void aNodeDyingUnderLoadLeavesItsLockedJobsToTheOther() throws Exception {
        String ownerA = nodeA.getBean(ProcessEngineConfigurationImpl.class).getJobExecutor().getLockOwner();
        int made = jdbc.update("""
                UPDATE act_ru_job SET duedate_ = now() - interval '1 minute'
                WHERE type_ = 'timer' AND handler_cfg_ LIKE 'BoundaryTimer_SignForReminder%'
                  AND process_instance_id_ IN (SELECT process_instance_id FROM cf_case WHERE description LIKE 'cluster %')""");
        assertThat(made).isEqualTo(CASES);
        long t0 = System.nanoTime();
        // wait until node A holds locks and has done some of the work, then kill it
        Awaitility.await("node A holding locks with a tenth of the reminders done").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> locked(ownerA) > 0
                        && count("SELECT COUNT(*) FROM cf_case_event WHERE type = 'DEADLINE_REMINDER'") >= CASES / 10);
        int lockedByA = locked(ownerA);
        ((HikariDataSource) nodeA.getBean(DataSource.class)).close(); // connections cut: in-flight transactions roll back
        nodeA.close();
        int stillLockedByA = locked(ownerA);
        int remindedBefore = count("SELECT COUNT(*) FROM cf_case_event WHERE type = 'DEADLINE_REMINDER'");
        System.out.printf("[cluster] node A killed holding %d locked jobs (%d still locked after it stopped), "
                + "%d of %d reminders done%n", lockedByA, stillLockedByA, remindedBefore, CASES);
        assertThat(stillLockedByA).as("node A died holding locked jobs").isPositive();

        awaitCount("SELECT COUNT(*) FROM cf_case_event WHERE type = 'MAIL_SENT' AND reason LIKE 'reminder%'", CASES,
                Duration.ofMinutes(5));
        awaitNoDueJobs(Duration.ofMinutes(2));
        System.out.printf("[cluster] all %d reminders done %.1f s after they fell due (lock time %d ms)%n", CASES,
                (System.nanoTime() - t0) / 1e9, LOCK_MILLIS);

        assertThat(locked(ownerA)).isZero();
        assertThat(perCase("DEADLINE_REMINDER", null)).containsOnlyKeys(accepted).allSatisfy((k, n) -> assertThat(n).isOne());
        assertThat(perCase("MAIL_SENT", "reminder%")).containsOnlyKeys(accepted).allSatisfy((k, n) -> assertThat(n).isOne());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_job WHERE retries_ < 3 OR exception_msg_ IS NOT NULL",
                Integer.class)).as("jobs that failed").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_incident", Integer.class)).isZero();
        ChainVerification chain = nodeB.getBean(AuditTrail.class).verify();
        assertThat(chain.valid()).as(chain.problem()).isTrue();
    }

    /**
     * Sets the sign-for deadlines of cases {@code from} (inclusive) to {@code to} (exclusive), in order of their
     * business keys, due at once and waits until each has its breach mail; returns deadlines per second.
     */
    static double deadlinesFallDue(String label, int from, int to) {
        int breachedBefore = count("SELECT COUNT(*) FROM cf_case_event WHERE type = 'MAIL_SENT' AND reason LIKE 'breach%'");
        long t0 = System.nanoTime();
        int made = jdbc.update("""
                UPDATE act_ru_job SET duedate_ = now() - interval '1 minute'
                WHERE type_ = 'timer' AND handler_cfg_ LIKE 'BoundaryTimer_SignForDeadline%'
                  AND process_instance_id_ IN (SELECT process_instance_id FROM cf_case WHERE description LIKE 'cluster %'
                    ORDER BY business_key OFFSET ? LIMIT ?)""", from, to - from);
        assertThat(made).isEqualTo(to - from);
        awaitCount("SELECT COUNT(*) FROM cf_case_event WHERE type = 'MAIL_SENT' AND reason LIKE 'breach%'",
                breachedBefore + made, Duration.ofMinutes(5));
        awaitNoDueJobs(Duration.ofMinutes(2));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("[cluster] %d deadlines: breach + supervision task + breach mail on %s in %.1f s "
                + "(%.1f deadlines/s)%n", made, label, seconds, made / seconds);
        return made / seconds;
    }

    static Map<String, Integer> perCase(String type, String reasonLike) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        jdbc.query("SELECT e.business_key, COUNT(*) FROM cf_case_event e JOIN cf_case c ON c.business_key = e.business_key "
                        + "WHERE c.description LIKE 'cluster %' AND e.type = ?"
                        + (reasonLike == null ? "" : " AND e.reason LIKE '" + reasonLike + "'") + " GROUP BY e.business_key",
                rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                }, type);
        return counts;
    }

    static int locked(String owner) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_job WHERE lock_owner_ = ? AND lock_exp_time_ IS NOT NULL",
                Integer.class, owner);
    }

    static int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    static void awaitCount(String sql, int expected, Duration timeout) {
        Awaitility.await("at least " + expected + " of: " + sql).atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> count(sql) >= expected);
    }

    /** Until no job is due and unlocked or locked (all executed). */
    static void awaitNoDueJobs(Duration timeout) {
        Awaitility.await("no due jobs left").atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> count("SELECT COUNT(*) FROM act_ru_job WHERE (duedate_ IS NULL OR duedate_ <= now()) "
                        + "AND retries_ > 0 AND suspension_state_ = 1") == 0);
    }
}
