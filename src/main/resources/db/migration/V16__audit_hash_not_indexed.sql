-- The audit trail's hashes were kept unique by an index. Nothing looks an entry up by its hash, and the index bought no
-- protection: every hash covers its predecessor's, so a repeated or altered hash already breaks the chain the verifier
-- recomputes (docs/audit.md). SHA-256 values are random, so each append changed a leaf of the index at random: on the
-- H2 default it was the largest share of what a checkpoint wrote, 12 % of the bytes under intake load
-- (docs/benchmarks.md, series N), and a page read for nearly every append once the index outgrew the cache.
ALTER TABLE cf_audit_entry DROP CONSTRAINT cf_audit_entry_hash_uq;
