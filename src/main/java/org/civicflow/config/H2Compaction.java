package org.civicflow.config;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
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
 * its turn when a checkpoint holds the store for longer than H2's 10 ms try. A step that fails is logged once as a
 * warning until one succeeds again (then at info).
 *
 * <p>Space is reused, the file does not shrink: docs/operations.md, compacting the H2 file.
 */
class H2Compaction {

    private static final Logger log = LoggerFactory.getLogger(H2Compaction.class);

    private final DataSource dataSource;
    private final int fillRate;
    private final int stepBytes;
    private volatile MVStore store;
    private boolean failing; // only the scheduler's thread runs steps

    H2Compaction(DataSource dataSource, int fillRate, int stepBytes) {
        this.dataSource = dataSource;
        this.fillRate = fillRate;
        this.stepBytes = stepBytes;
    }

    @Scheduled(initialDelayString = "${civicflow.database.compaction-interval:PT0.2S}",
            fixedDelayString = "${civicflow.database.compaction-interval:PT0.2S}")
    void step() {
        MVStore mvStore = null;
        try {
            mvStore = store();
            if (mvStore != null && !mvStore.isClosed()) {
                mvStore.compact(fillRate, stepBytes);
            }
            if (failing) {
                failing = false;
                log.info("H2 compaction steps work again");
            }
        } catch (SQLException | RuntimeException e) {
            if (mvStore != null && mvStore.isClosed()) {
                log.debug("H2 compaction step skipped: the database is closing", e);
            } else if (!failing) {
                failing = true;
                log.warn("H2 compaction step failed; retrying every step, the file grows meanwhile", e);
            }
        }
    }

    private MVStore store() throws SQLException {
        if (store == null) {
            try (Connection connection = dataSource.getConnection()) {
                SessionLocal session = H2Session.of(connection);
                if (session != null) {
                    store = session.getDatabase().getStore().getMvStore();
                }
            }
        }
        return store;
    }
}
