-- External callers of the REST APIs (issue 6). Portable between H2 and PostgreSQL.

-- API keys, stored only as the SHA-256 of the key (hex): a leaked table does not leak a usable key.
-- scope: 'api' (/api/v1, header X-API-Key) or 'open311' (/open311/v2, parameter api_key).
CREATE TABLE cf_api_key (
    key_hash    CHAR(64)     NOT NULL PRIMARY KEY,
    client_id   VARCHAR(64)  NOT NULL,
    scope       VARCHAR(16)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE
);

-- Idempotency-Key of POST /api/v1/cases: the primary key makes concurrent retries of one key wait for the first
-- and then find its case. The row is written in the transaction that creates the case (both or neither).
CREATE TABLE cf_idempotency_key (
    client_id        VARCHAR(64)  NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    request_hash     CHAR(64)     NOT NULL,
    business_key     VARCHAR(32)  REFERENCES cf_case (business_key),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_id, idempotency_key)
);

-- Open311 tokens (GET tokens/{token}): issued with every service request created through Open311.
CREATE TABLE cf_open311_token (
    token         VARCHAR(64) NOT NULL PRIMARY KEY,
    business_key  VARCHAR(32) NOT NULL REFERENCES cf_case (business_key),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
