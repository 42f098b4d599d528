package org.civicflow.audit;

import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A database of its own for a test that tampers with the chain, migrated by the application's own Flyway scripts. */
final class AuditDatabase {

    final DataSource dataSource;
    final JdbcTemplate jdbc;
    final AuditLedger ledger;
    final TransactionTemplate transaction;

    private AuditDatabase(DataSource dataSource, String vendor) {
        this.dataSource = dataSource;
        Flyway.configure().dataSource(dataSource).table("cf_schema_history")
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .load().migrate();
        this.jdbc = new JdbcTemplate(dataSource);
        this.ledger = new AuditLedger(dataSource, Clock.systemUTC());
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** A fresh in-memory H2, separate from the application's. */
    static AuditDatabase h2(String name) {
        return new AuditDatabase(new DriverManagerDataSource(
                "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", ""), "h2");
    }

    static AuditDatabase postgres(DataSource dataSource) {
        return new AuditDatabase(dataSource, "postgresql");
    }

    /** Appends in a transaction of its own, as an application transaction would. */
    AuditEntry append(String action, String businessKey, Map<String, ?> details) {
        return transaction.execute(status -> ledger.append("500103003-handler", "500103003-handler", businessKey,
                null, action, CanonicalJson.of(details)));
    }

    AuditEntry appendSome(int count) {
        AuditEntry last = null;
        for (int i = 1; i <= count; i++) {
            last = append("TEST_ENTRY", "CQ-2026-" + "%06d".formatted(i % 3), Map.of("n", i, "note", "第" + i + "条"));
        }
        return last;
    }

    ChainVerification verify() {
        TransactionTemplate readOnly = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        readOnly.setReadOnly(true);
        return readOnly.execute(status -> new ChainVerifier(ledger).verify());
    }
}
