/**
 * OASIS CAP 1.2 alerts: the secure parser, the parsed alert and the mapping to warnings in force. Other modules (the
 * alerts endpoint) use it as the escalation module's named interface {@code cap}.
 */
@NamedInterface("cap")
package org.civicflow.escalation.cap;

import org.springframework.modulith.NamedInterface;
