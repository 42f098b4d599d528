package org.civicflow.audit;

import java.time.Clock;
import java.util.Arrays;
import java.util.Iterator;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the audit chain of a civicflow database from the command line, without starting the application:
 *
 * <pre>
 * java -cp target/civicflow-0.1.0-SNAPSHOT.jar -Dloader.main=org.civicflow.audit.VerifyAuditChain \
 *      org.springframework.boot.loader.launch.PropertiesLauncher \
 *      --url jdbc:postgresql://db/civicflow --user civicflow --password ...
 * </pre>
 *
 * Prints the result as JSON on one line; exits 0 when the chain is valid, 1 when it is broken, 2 on bad usage or a
 * database error. The password may also come from the environment variable {@code CIVICFLOW_DB_PASSWORD}.
 */
public final class VerifyAuditChain {

    private VerifyAuditChain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        String url = null;
        String user = null;
        String password = System.getenv("CIVICFLOW_DB_PASSWORD");
        Iterator<String> it = Arrays.asList(args).iterator();
        while (it.hasNext()) {
            String arg = it.next();
            switch (arg) {
                case "--url" -> url = it.hasNext() ? it.next() : null;
                case "--user" -> user = it.hasNext() ? it.next() : null;
                case "--password" -> password = it.hasNext() ? it.next() : null;
                default -> {
                    System.err.println("Unknown argument " + arg);
                    return usage();
                }
            }
        }
        if (url == null) {
            return usage();
        }
        try {
            ChainVerification result = verify(url, user, password);
            System.out.println(CanonicalJson.MAPPER.writeValueAsString(result));
            return result.valid() ? 0 : 1;
        } catch (Exception e) {
            System.err.println("Cannot verify the audit chain: " + e.getMessage());
            return 2;
        }
    }

    /** What {@link #main} does, without printing or exiting (also used by AuditChainBenchmark). */
    public static ChainVerification verify(String url, String user, String password) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user == null ? "" : user,
                password == null ? "" : password);
        TransactionTemplate readOnly = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        readOnly.setReadOnly(true);
        return readOnly.execute(status -> new ChainVerifier(new AuditLedger(dataSource, Clock.systemUTC())).verify());
    }

    private static int usage() {
        System.err.println("usage: VerifyAuditChain --url <jdbc url> [--user <user>] [--password <password>]");
        return 2;
    }
}
