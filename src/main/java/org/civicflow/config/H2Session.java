package org.civicflow.config;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/** The embedded H2 session behind a (pooled) JDBC connection, for what only H2's own API offers. */
final class H2Session {

    private H2Session() {
    }

    /** The session, or null if the connection is not to an embedded H2 database (another database, H2's server). */
    static SessionLocal of(Connection connection) throws SQLException {
        return connection.isWrapperFor(JdbcConnection.class)
                && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session ? session : null;
    }
}
