package org.civicflow.audit;

/**
 * Walks the chain from the first entry and reports the first broken link:
 * <ul>
 *   <li>a missing sequence number (a deleted row) → that number;</li>
 *   <li>an entry whose {@code prevHash} is not the previous entry's hash, or whose hash is not the SHA-256 of the
 *       previous hash and its own canonical content (an altered row) → that entry;</li>
 *   <li>entries beyond the recorded head (an inserted row), or a head that the last entry does not match (the last
 *       rows deleted or altered) → the first sequence number past what both agree on.</li>
 * </ul>
 * Reads in batches; one SHA-256 per entry.
 */
final class ChainVerifier {

    private final AuditLedger ledger;

    ChainVerifier(AuditLedger ledger) {
        this.ledger = ledger;
    }

    ChainVerification verify() {
        AuditLedger.Head head = ledger.head();
        Walk walk = new Walk();
        ledger.forEach(walk::accept);
        if (walk.broken == null) {
            if (walk.lastSeq != head.seq()) {
                walk.broken = Math.min(walk.lastSeq, head.seq()) + 1;
                walk.problem = walk.lastSeq > head.seq()
                        ? "entries after the recorded head " + head.seq()
                        : "the head says " + head.seq() + " entries, the table ends at " + walk.lastSeq;
            } else if (!walk.prev.equals(head.hash())) {
                walk.broken = head.seq();
                walk.problem = "the last entry's hash is not the recorded head";
            }
        }
        return new ChainVerification(walk.broken == null, walk.count, head.hash(), walk.broken, walk.problem);
    }

    private static final class Walk {
        long count;
        long lastSeq;
        String prev = AuditEntry.GENESIS;
        Long broken;
        String problem;

        void accept(AuditEntry entry) {
            count++;
            if (broken == null) {
                if (entry.seq() != lastSeq + 1) {
                    broken = lastSeq + 1;
                    problem = "entry " + (lastSeq + 1) + " is missing";
                } else if (!entry.prevHash().equals(prev)) {
                    broken = entry.seq();
                    problem = "entry " + entry.seq() + " does not point to the hash of entry " + lastSeq;
                } else if (!entry.hashMatches(prev)) {
                    broken = entry.seq();
                    problem = "entry " + entry.seq() + " was changed after it was written (hash mismatch)";
                }
            }
            lastSeq = entry.seq();
            prev = entry.hash();
        }
    }
}
