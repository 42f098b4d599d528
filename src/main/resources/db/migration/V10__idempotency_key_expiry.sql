-- Idempotency keys expire (civicflow.api.idempotency-key-ttl, 24 h by default); the purge deletes by age.
CREATE INDEX cf_idempotency_key_created_idx ON cf_idempotency_key (created_at);
