package org.civicflow.citizenrequest;

import org.civicflow.CivicflowPostgresTest;

/** {@link CitizenRequestDeadlineTests} on PostgreSQL (the shared PostgreSQL context). */
@CivicflowPostgresTest
class PostgresCitizenRequestDeadlineTests extends CitizenRequestDeadlineTests {
}
