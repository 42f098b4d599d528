package org.civicflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.civicflow.CivicflowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** A transaction reads a case from the table once, and again only after it changed it. */
@CivicflowTest
class CaseReadsInATransactionTests {

    @Autowired
    CaseService cases;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aTransactionReadsTheRowOnceAndSeesItsOwnChanges() {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        String key = transaction.execute(status -> {
            String created = submitted();
            assertThat(cases.find(created).orElseThrow().status()).isEqualTo(CaseStatus.SUBMITTED);

            // a change that does not go through the case service is not read again within the transaction...
            JdbcClient.create(dataSource).sql("UPDATE cf_case SET description = 'changed behind its back' WHERE business_key = :key")
                    .param("key", created).update();
            assertThat(cases.find(created).orElseThrow().description()).as("read once").isEqualTo("read test");

            // ...while one through it is
            cases.transition(created, CaseStatus.DISPATCHED, "500103-dispatch", "test", "dispatched");
            CaseRecord afterTransition = cases.find(created).orElseThrow();
            assertThat(afterTransition.status()).isEqualTo(CaseStatus.DISPATCHED);
            assertThat(afterTransition.officeGroup()).isEqualTo("500103-dispatch");
            assertThat(afterTransition.description()).as("read again after the change").isEqualTo("changed behind its back");
            return created;
        });

        assertThat(cases.find(key).orElseThrow().status()).as("a new transaction reads the table").isEqualTo(CaseStatus.DISPATCHED);
    }

    @Test
    void aTransactionSuspendedByANewOneKeepsItsOwnReadsAndTheNewOneStartsWithout() {
        TransactionTemplate outer = new TransactionTemplate(transactions);
        TransactionTemplate inner = new TransactionTemplate(transactions);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        String key = inner.execute(status -> submitted());

        outer.executeWithoutResult(status -> {
            assertThat(cases.find(key).orElseThrow().status()).isEqualTo(CaseStatus.SUBMITTED);
            inner.executeWithoutResult(s -> {
                cases.transition(key, CaseStatus.DISPATCHED, "500103-dispatch", "test", "dispatched");
                assertThat(cases.find(key).orElseThrow().status()).isEqualTo(CaseStatus.DISPATCHED);
            });
            assertThat(cases.find(key).orElseThrow().status()).as("what the outer transaction read")
                    .isEqualTo(CaseStatus.SUBMITTED);
        });
        assertThat(cases.find(key).orElseThrow().status()).isEqualTo(CaseStatus.DISPATCHED);
    }

    private String submitted() {
        String key = cases.newBusinessKey();
        cases.create(new NewCase(key, "streetlight", "read test", null, null, null, "500103003",
                new CaseRecord.Reporter(null, null, null), "web", null), "test");
        return key;
    }
}
