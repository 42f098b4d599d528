package org.civicflow.config;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Compacts the embedded H2 file in small steps. H2 never overwrites data in place: each checkpoint appends a chunk, and
 * a chunk whose pages are mostly superseded keeps its space until its live pages are rewritten elsewhere. H2's own
 * background writer does that rewriting in bursts: about every 17 s under intake load it rewrote up to 19 MB of pages
 * under the store's lock, and the next checkpoint, serialising them, held every commit for 400-550 ms (JFR, series N
 * in docs/benchmarks.md), the slow seconds of the load runs. The URL switches H2's own off
 * ({@code AUTO_COMPACT_FILL_RATE=0}); this rewrites at most {@code civicflow.database.compaction-step} of the sparsest
 * chunks every {@code civicflow.database.compaction-interval}, while the chunks are on average less than
 * {@code civicflow.database.compaction-fill-rate} % live, so each checkpoint carries a small share of it. A step skips
 * its turn while a checkpoint holds the store (it never waits for one).
 *
 * <p>Space is reused, the file does not shrink: docs/operations.md, compacting the H2 file.
 */
class H2Compaction {

    private static final Logger log = LoggerFactory.getLogger(H2Compaction.class);

    private final DataSource dataSource;
    private final int fillRate;
    private final int stepBytes;
    private volatile MVStore store;

    H2Compaction(DataSource dataSource, int fillRate, int stepBytes) {
        this.dataSource = dataSource;
        this.fillRate = fillRate;
        this.stepBytes = stepBytes;
    }

    @Scheduled(initialDelayString = "${civicflow.database.compaction-interval:PT0.2S}",
            fixedDelayString = "${civicflow.database.compaction-interval:PT0.2S}")
    void step() {
        try {
            MVStore mvStore = store();
            if (mvStore != null && !mvStore.isClosed()) {
                mvStore.compact(fillRate, stepBytes);
            }
        } catch (SQLException | RuntimeException e) { // closing, or a failure the next step may not have
            log.debug("H2 compaction step skipped", e);
        }
    }

    private MVStore store() throws SQLException {
        if (store == null) {
            try (Connection connection = dataSource.getConnection()) {
                if (connection.isWrapperFor(JdbcConnection.class)
                        && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
                    store = session.getDatabase().getStore().getMvStore();
                }
            }
        }
        return store;
    }
}
