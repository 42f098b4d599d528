package org.civicflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sql.DataSource;

import org.civicflow.CivicflowPostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** On PostgreSQL the engine's schema has indexes of its own for the CMMN columns: dropped, the foreign keys kept. */
@CivicflowPostgresTest
class PostgresEngineIndexesTests {

    @Autowired
    DataSource dataSource;

    @Test
    void theCmmnColumnsIndexesAreDroppedAndTheirForeignKeysKept() {
        List<String> indexes = JdbcClient.create(dataSource).sql("SELECT upper(indexname) FROM pg_indexes")
                .query(String.class).list();
        List<String> postgresOnly = EngineIndexes.UNNEEDED.stream().filter(index -> "postgres".equals(index.database()))
                .map(EngineIndexes.Index::name).toList();

        assertThat(postgresOnly).isNotEmpty();
        assertThat(indexes).contains("ACT_IDX_VARIABLE_TASK_NAME_TYPE").doesNotContainAnyElementsOf(postgresOnly);
        List<String> constraints = JdbcClient.create(dataSource)
                .sql("SELECT upper(constraint_name) FROM information_schema.table_constraints")
                .query(String.class).list();
        assertThat(constraints)
                .containsAll(EngineIndexes.UNNEEDED_ON_H2.stream().map(EngineIndexes.ForeignKey::name).toList());
    }
}
