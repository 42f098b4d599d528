package org.civicflow.citizenrequest;

import org.civicflow.CivicflowPostgresTest;

/** {@link CitizenRequestProcessTests} on PostgreSQL (the shared PostgreSQL context). */
@CivicflowPostgresTest
class PostgresCitizenRequestProcessTests extends CitizenRequestProcessTests {
}
