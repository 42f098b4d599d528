package org.civicflow.config;

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
 * {@code ANALYZE} samples each table (a few seconds on that database) at start and then every
 * {@code civicflow.database.h2-analyze-interval} (10 minutes by default). PostgreSQL analyses on its own (autovacuum).
 */
class H2Statistics {

    private static final Logger log = LoggerFactory.getLogger(H2Statistics.class);

    private final JdbcClient sql;

    H2Statistics(DataSource dataSource) {
        this.sql = JdbcClient.create(dataSource);
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        analyze();
    }

    @Scheduled(initialDelayString = "${civicflow.database.h2-analyze-interval:PT10M}",
            fixedDelayString = "${civicflow.database.h2-analyze-interval:PT10M}")
    void analyze() {
        long start = System.nanoTime();
        try {
            sql.sql("ANALYZE").update();
            log.debug("H2 statistics refreshed in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("Refreshing H2's statistics failed (plans may be slow until the next attempt): {}", e.getMessage());
        }
    }
}
