package org.civicflow.citizenrequest;

import org.civicflow.CivicflowPostgresTest;

/** {@link CaseWalkThroughTests} on PostgreSQL (the shared PostgreSQL context). */
@CivicflowPostgresTest
class PostgresCaseWalkThroughTests extends CaseWalkThroughTests {
}
