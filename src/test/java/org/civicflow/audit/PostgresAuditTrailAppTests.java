package org.civicflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.civicflow.CivicflowPostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/**
 * {@link AuditTrailTests} inside the application on PostgreSQL: the trail written by the running application, under
 * the trigger the application's Flyway installed from {@code db/vendor/postgresql} (the trigger on its own and
 * tampering: {@link PostgresAuditTrailTests}).
 */
@CivicflowPostgresTest
class PostgresAuditTrailAppTests extends AuditTrailTests {

    @Test
    void theApplicationsDatabaseRefusesToChangeTheTrail() {
        submit();
        assertThatThrownBy(() -> jdbc.update("UPDATE cf_audit_entry SET actor = 'x' WHERE seq = 1"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM cf_audit_entry"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(trail.verify().valid()).isTrue();
    }
}
