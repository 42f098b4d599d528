package org.civicflow.escalation.cap;

/** A closed CAP 1.2 code list value, with its exact (case-sensitive) spelling in the XML. */
interface CapCode {

    String code();
}
