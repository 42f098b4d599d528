package org.civicflow.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of walking the chain: whether every link holds, how many entries there are, the head (hash of the last
 * entry, as recorded in the head row) and the first sequence number at which the chain breaks ({@code null} when valid).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChainVerification(boolean valid, long entries, String head, Long firstBrokenSeq, String problem) {
}
