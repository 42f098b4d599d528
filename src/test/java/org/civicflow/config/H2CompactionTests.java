package org.civicflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.mvstore.FileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The H2 file compacted in steps ({@link H2Compaction}) with H2's own compaction off, as in the default URL: a file
 * whose chunks are left mostly dead (a dropped table) becomes mostly live again, a few chunks at a time.
 */
class H2CompactionTests {

    @TempDir
    Path dir;

    private JdbcConnectionPool pool;
    private JdbcClient sql;

    @BeforeEach
    void openDatabase() {
        pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("db")
                + ";AUTO_COMPACT_FILL_RATE=0;RETENTION_TIME=0", "sa", "");
        sql = JdbcClient.create(pool);
        sql.sql("CREATE TABLE note (id INT PRIMARY KEY, text VARCHAR(1000))").update();
    }

    @AfterEach
    void closeDatabase() {
        pool.dispose();
    }

    @Test
    void stepsRewriteTheSparsestChunksUntilTheFileIsMostlyLive() throws Exception {
        sql.sql("CREATE TABLE scratch (id INT PRIMARY KEY, text VARCHAR(1000))").update();
        for (int batch = 0; batch < 40; batch++) { // one chunk per batch, as a checkpoint of commits would write
            for (int i = 0; i < 50; i++) {
                int id = batch * 50 + i;
                sql.sql("INSERT INTO note VALUES (?, ?)").params(id, "note " + id).update();
                sql.sql("INSERT INTO scratch VALUES (?, ?)").params(id, "x".repeat(900)).update();
            }
            checkpoint();
        }
        sql.sql("DROP TABLE scratch").update(); // every chunk keeps its few pages of notes: mostly dead, not empty
        checkpoint();
        FileStore<?> file = fileStore();
        int before = file.getChunksFillRate();
        assertThat(before).as("fill rate after the deletions").isLessThan(50);

        H2Compaction compaction = new H2Compaction(pool, 50, 4 * 1024);
        int steps = 0;
        while (file.getChunksFillRate() < 50 && steps < 200) {
            compaction.step();
            checkpoint();
            steps++;
        }

        assertThat(steps).as("steps of 4 KB: a few chunks at a time, not all at once").isGreaterThan(5);
        assertThat(file.getChunksFillRate()).isGreaterThanOrEqualTo(50);
        assertThat(sql.sql("SELECT COUNT(*) FROM note").query(Integer.class).single()).isEqualTo(2000);
    }

    @Test
    void aFileMostlyLiveIsLeftAlone() throws Exception {
        for (int i = 0; i < 100; i++) {
            sql.sql("INSERT INTO note VALUES (?, ?)").params(i, "note " + i).update();
        }
        checkpoint();
        FileStore<?> file = fileStore();
        long writes = file.getWriteCount();

        new H2Compaction(pool, 50, 64 * 1024).step();

        assertThat(file.getWriteCount()).isEqualTo(writes);
    }

    private void checkpoint() {
        sql.sql("CHECKPOINT").update();
    }

    private FileStore<?> fileStore() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            return session.getDatabase().getStore().getMvStore().getFileStore();
        }
    }
}
