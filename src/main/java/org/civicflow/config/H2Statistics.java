package org.civicflow.config;

import java.util.HashMap;
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
 * <p>Every table is analysed at start; after that, every {@code civicflow.database.h2-analyze-check} (1 minute), each
 * table that has at least doubled since its last analysis, while that analysis saw fewer rows than H2 samples. H2 takes
 * a table's statistics from its <em>first</em> {@value #SAMPLE} rows, so analysing a table that already had that many
 * reads the same rows again and changes nothing; and each analysis makes H2 prepare every statement anew. A fresh
 * database is analysed a few times in its first minutes, a grown one only at start. (Analysing everything every ten
 * minutes cost 3 s of CPU on a database of 40,000 cases and stalled the requests of that moment.)
 * PostgreSQL analyses on its own (autovacuum).
 */
class H2Statistics {

    private static final Logger log = LoggerFactory.getLogger(H2Statistics.class);

    /** The rows of a table {@code ANALYZE} reads by default, from its start. */
    static final long SAMPLE = 10_000;
    /** A table grown by fewer rows than this is not worth a new analysis (nor a new preparation of every statement). */
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
        int analysed = 0;
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
                if (seen == null || (seen < SAMPLE && now >= Math.max(2 * seen, seen + MIN_GROWTH))) {
                    sql.sql("ANALYZE TABLE \"" + table.getKey().replace("\"", "\"\"") + "\"").update();
                    rowsAtAnalysis.put(table.getKey(), now);
                    analysed++;
                }
            }
            if (analysed > 0) {
                log.debug("H2 statistics refreshed for {} table(s) in {} ms", analysed, (System.nanoTime() - start) / 1_000_000);
            }
        } catch (RuntimeException e) {
            log.warn("Refreshing H2's statistics failed (plans may be slow until the next attempt): {}", e.getMessage());
        }
    }
}
