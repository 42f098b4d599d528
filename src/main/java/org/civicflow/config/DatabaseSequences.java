package org.civicflow.config;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;

/** Readable numbers (CQ-…, JE-…, incidents) come from database sequences on both supported databases. */
public final class DatabaseSequences {

    private DatabaseSequences() {
    }

    /** An incrementer over {@code sequence} for the database behind {@code dataSource} (H2 or PostgreSQL). */
    public static DataFieldMaxValueIncrementer of(DataSource dataSource, String sequence) {
        try {
            String url = JdbcUtils.extractDatabaseMetaData(dataSource, md -> md.getURL());
            return switch (DatabaseDriver.fromJdbcUrl(url)) {
                case POSTGRESQL -> new PostgresSequenceMaxValueIncrementer(dataSource, sequence);
                case H2 -> new H2SequenceMaxValueIncrementer(dataSource, sequence);
                default -> throw new IllegalStateException("civicflow supports H2 and PostgreSQL, not " + url);
            };
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot read the database metadata", e);
        }
    }
}
