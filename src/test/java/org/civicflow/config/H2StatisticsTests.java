package org.civicflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Like the engine's check of which groups hold any grant: a distinct scan that statistics turn into index skips. */
class H2StatisticsTests {

    @TempDir
    Path dir;

    private JdbcConnectionPool pool;
    private JdbcClient sql;

    @BeforeEach
    void aGrantTableWithFewGroupsAndManyRows() {
        // Without H2's own analysis (every 2,000 · 2ⁿ changes of a table, from its first 1,000 rows), to see this one's.
        pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("db") + ";ANALYZE_AUTO=0", "sa", "");
        sql = JdbcClient.create(pool);
        sql.sql("CREATE TABLE grants (id INT PRIMARY KEY, group_id VARCHAR(64))").update();
        sql.sql("CREATE INDEX grants_group ON grants (group_id)").update();
        sql.sql("INSERT INTO grants SELECT x, 'group-' || MOD(x, 40) FROM SYSTEM_RANGE(1, 1500)").update();
    }

    @AfterEach
    void close() {
        pool.dispose();
    }

    @Test
    void afterAnalysisADistinctScanSkipsThroughTheIndex() {
        assertThat(plan()).doesNotContain("/* distinct */");

        new H2Statistics(pool).analyzeGrown();

        assertThat(plan()).contains("/* distinct */");
        assertThat(sql.sql("SELECT DISTINCT group_id FROM grants").query(String.class).list()).hasSize(40);
    }

    @Test
    void aTableIsAnalysedAgainOnceItHasDoubled() {
        H2Statistics statistics = new H2Statistics(pool);
        statistics.analyzeGrown();
        int atStart = selectivity();
        assertThat(atStart).isLessThan(10); // 40 groups in 1,500 rows

        addRowsOfTheirOwnGroup(1501, 1900); // 400 rows: not grown enough
        statistics.analyzeGrown();
        assertThat(selectivity()).isEqualTo(atStart);

        addRowsOfTheirOwnGroup(1901, 3100); // 3,100 rows in all: more than twice the 1,500 analysed
        statistics.analyzeGrown();
        assertThat(selectivity()).isGreaterThan(atStart);
    }

    @Test
    void aGrownTableIsAnalysedFromItsFirstRowsOnlyAndThenNoMore() { // what an analysis costs is reading its sample
        H2Statistics statistics = new H2Statistics(pool);
        statistics.analyzeGrown();
        addRowsOfTheirOwnGroup(1501, 3100);

        statistics.analyzeGrown();
        assertThat(selectivity()).isEqualTo(27); // the first 2,000 rows: (40 + 500) / 2,000, not (40 + 1,600) / 3,100

        addRowsOfTheirOwnGroup(3101, 9000); // almost three times as many, but the last analysis saw 2,000 rows or more
        statistics.analyzeGrown();
        assertThat(selectivity()).isEqualTo(27);
    }

    private void addRowsOfTheirOwnGroup(int from, int to) {
        sql.sql("INSERT INTO grants SELECT x, 'own-' || x FROM SYSTEM_RANGE(" + from + ", " + to + ")").update();
    }

    private int selectivity() {
        return sql.sql("SELECT SELECTIVITY FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'GRANTS' AND COLUMN_NAME = 'GROUP_ID'")
                .query(Integer.class).single();
    }

    private String plan() {
        return sql.sql("EXPLAIN SELECT DISTINCT group_id FROM grants").query(String.class).single();
    }
}
