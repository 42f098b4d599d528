package org.civicflow.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps H2's planner statistics current on the embedded default. H2 plans with a column's selectivity; until a table
 * is analysed it assumes 50 % for every column, and its automatic analysis did not keep up here: on a database with
 * 10,000 cases the authorization table (about 14 grants per case) still had no statistics, so the engine's check of
 * which groups hold any grant ({@code SELECT DISTINCT GROUP_ID_}, once per authorised command: every Tasklist list,
 * every engine REST call) read all 140,000 rows, about 300 ms, instead of skipping through the group index (86 reads).
 *
 * <p>Every table is analysed at start (H2's sample, its first 10,000 rows). After that, every
 * {@code civicflow.database.h2-analyze-check} (1 minute), each table that has at least doubled since its last analysis,
 * while that analysis saw fewer than {@value #GROWING_SAMPLE} rows, is analysed again from its first
 * {@value #GROWING_SAMPLE} rows: a fresh database gets its statistics in its first minutes, a grown one keeps those of
 * its start. The cost of an analysis is reading its sample, on the scheduler's thread but on the cores intake runs on:
 * the first 10,000 audit entries (3 KB each) take about 270 ms to read from the file, and when the growth check
 * read 10,000 rows of every grown table, a check of several tables fell on a stall of about 1.5 s at 100 cases per
 * second (docs/benchmarks.md, series N and O). A sample of {@value #GROWING_SAMPLE} rows still tells a column of a few
 * dozen values from one of ids, which is all a plan asks of it. (An analysis does not make H2 prepare statements anew:
 * it re-plans a statement only after a change of the schema. A statement sees new statistics when it is prepared again,
 * on a new connection or after it left the connection's statement cache.) PostgreSQL analyses on its own
 * (autovacuum).
 */
class H2Statistics {

    private static final Logger log = LoggerFactory.getLogger(H2Statistics.class);

    /** The rows the minute check reads of a grown table (from its start), and the size after which it stops. */
    static final long GROWING_SAMPLE = 2_000;
    /** A table grown by fewer rows than this is not worth a new analysis. */
    static final long MIN_GROWTH = 500;

    private final JdbcClient sql;
    private final Map<String, Long> rowsAtAnalysis = new HashMap<>();

    H2Statistics(DataSource dataSource) {
        this.sql = JdbcClient.create(dataSource);
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        analyzeGrown();
    }

    /** Analyses the tables not yet analysed and those that have grown enough since (see the class comment). */
    @Scheduled(initialDelayString = "${civicflow.database.h2-analyze-check:PT1M}",
            fixedDelayString = "${civicflow.database.h2-analyze-check:PT1M}")
    synchronized void analyzeGrown() {
        long start = System.nanoTime();
        List<String> analysed = new ArrayList<>();
        try {
            Map<String, Long> rows = new HashMap<>();
            sql.sql("""
                    SELECT TABLE_NAME, ROW_COUNT_ESTIMATE FROM INFORMATION_SCHEMA.TABLES
                    WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_TYPE = 'BASE TABLE'""")
                    .query(rs -> {
                        rows.put(rs.getString(1), rs.getLong(2));
                    });
            for (Map.Entry<String, Long> table : rows.entrySet()) {
                Long seen = rowsAtAnalysis.get(table.getKey());
                long now = table.getValue();
                String name = "\"" + table.getKey().replace("\"", "\"\"") + "\"";
                if (seen == null) {
                    sql.sql("ANALYZE TABLE " + name).update();
                } else if (seen < GROWING_SAMPLE && now >= Math.max(2 * seen, seen + MIN_GROWTH)) {
                    sql.sql("ANALYZE TABLE " + name + " SAMPLE_SIZE " + GROWING_SAMPLE).update();
                } else {
                    continue;
                }
                rowsAtAnalysis.put(table.getKey(), now);
                analysed.add(table.getKey());
            }
            if (!analysed.isEmpty()) {
                log.debug("H2 statistics refreshed in {} ms for {}", (System.nanoTime() - start) / 1_000_000, analysed);
            }
        } catch (RuntimeException e) {
            log.warn("Refreshing H2's statistics failed (plans may be slow until the next attempt): {}", e.getMessage());
        }
    }
}
