package org.civicflow.api;

/** No case has the requested business key. */
class CaseNotFoundException extends RuntimeException {

    CaseNotFoundException(String businessKey) {
        super("No case " + businessKey);
    }
}
