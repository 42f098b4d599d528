package org.civicflow.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;
import org.springframework.util.unit.DataSize;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.transaction.TransactionManagerCustomizers;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The one transaction manager the application, the engine and the webapps share. On the embedded H2 file database it
 * writes commits to the file in groups ({@link GroupCommitTransactionManager}); elsewhere (PostgreSQL, in-memory H2)
 * it is Spring Boot's own. {@code civicflow.database.group-commit=false} switches the group commit off, only to show
 * what scripts/crash-test.sh then catches.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource,
                                              ObjectProvider<TransactionManagerCustomizers> customizers,
                                              @Value("${civicflow.database.group-commit:true}") boolean groupCommit,
                                              @Value("${civicflow.database.group-commit-gather:PT0.03S}") Duration gather,
                                              @Value("${civicflow.database.group-commit-spacing:PT0.04S}") Duration spacing,
                                              @Value("${spring.datasource.url:}") String url) {
        boolean groups = groupCommit && isH2FileUrl(url);
        if (groups) {
            log.info("H2 file database: commits are written to the file in groups before they return");
        }
        JdbcTransactionManager manager = groups
                ? new GroupCommitTransactionManager(dataSource, gather, spacing)
                : new JdbcTransactionManager(dataSource);
        customizers.ifAvailable(c -> c.customize(manager));
        return manager;
    }

    /**
     * Tells the group commit which HTTP requests are being served: its spacing waits only while others are. Under the
     * same conditions as the group commit itself ({@link #transactionManager}).
     */
    @Bean
    @Conditional(H2FileDatabase.class)
    @ConditionalOnProperty(name = "civicflow.database.group-commit", havingValue = "true", matchIfMissing = true)
    FilterRegistrationBean<RequestsBeingServed> requestsBeingServed(JdbcTransactionManager transactionManager) {
        FilterRegistrationBean<RequestsBeingServed> registration = new FilterRegistrationBean<>(
                new RequestsBeingServed((GroupCommitTransactionManager) transactionManager));
        registration.setName("civicflow-requests-being-served");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Planner statistics on the H2 file database; PostgreSQL keeps its own. */
    @Bean
    @Conditional(H2FileDatabase.class)
    H2Statistics h2Statistics(DataSource dataSource) {
        return new H2Statistics(dataSource);
    }

    /** Compaction of the H2 file in small steps instead of H2's bursts ({@link H2Compaction}). */
    @Bean
    @Conditional(H2FileDatabase.class)
    H2Compaction h2Compaction(DataSource dataSource,
                              @Value("${civicflow.database.compaction-fill-rate:50}") int fillRate,
                              @Value("${civicflow.database.compaction-step:512KB}") DataSize step) {
        return new H2Compaction(dataSource, fillRate, (int) step.toBytes());
    }

    /** Group sizes for operations: {@code civicflow.database.commits.written} / {@code ….checkpoints}. */
    @Bean
    MeterBinder groupCommitMetrics(JdbcTransactionManager transactionManager) {
        return registry -> {
            if (transactionManager instanceof GroupCommitTransactionManager groups) {
                FunctionCounter.builder("civicflow.database.commits.written", groups, GroupCommitTransactionManager::writtenCommits)
                        .description("Commits that changed data and waited until the H2 file held them").register(registry);
                FunctionCounter.builder("civicflow.database.checkpoints", groups, GroupCommitTransactionManager::checkpoints)
                        .description("H2 checkpoints written for waiting commits (one per group)").register(registry);
                FunctionTimer.builder("civicflow.database.checkpoint.time", groups, GroupCommitTransactionManager::checkpoints,
                                GroupCommitTransactionManager::checkpointNanos, TimeUnit.NANOSECONDS)
                        .description("Time the checkpoints took: every commit of a group waits for its checkpoint")
                        .register(registry);
                FunctionCounter.builder("civicflow.database.checkpoints.slow", groups, GroupCommitTransactionManager::slowCheckpoints)
                        .description("Checkpoints that took longer than "
                                + GroupCommitTransactionManager.SLOW_CHECKPOINT.toMillis() + " ms")
                        .register(registry);
            }
        };
    }

    /** Matches when spring.datasource.url names an H2 file database (the embedded default). */
    static final class H2FileDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return isH2FileUrl(context.getEnvironment().getProperty("spring.datasource.url", ""));
        }
    }

    static boolean isH2FileUrl(String url) {
        return url.startsWith("jdbc:h2:file:") || url.startsWith("jdbc:h2:./") || url.startsWith("jdbc:h2:~");
    }
}
