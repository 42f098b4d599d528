-- The supervisors' dashboard (issue 10): one narrow row per case with what the map needs, kept up to date on every
-- case event (org.civicflow.dashboard.CaseFigures), so the per-district figures are one indexed aggregate over this
-- table instead of a replay of every case's timeline. Portable between H2 and PostgreSQL.

CREATE TABLE cf_case_figures (
    business_key       VARCHAR(32)  NOT NULL PRIMARY KEY REFERENCES cf_case (business_key),
    district_code      VARCHAR(6),
    office_group       VARCHAR(64),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    is_open            BOOLEAN      NOT NULL,
    -- response: the sign-for deadline of the latest dispatch; in time / late / returned once decided
    sign_for_due_at    TIMESTAMP WITH TIME ZONE,
    signed_at          TIMESTAMP WITH TIME ZONE,
    responded_in_time  BOOLEAN,
    -- handling: from the first sign-for; the deadline from the SLA class
    handling_due_at    TIMESTAMP WITH TIME ZONE,
    replied_at         TIMESTAMP WITH TIME ZONE,
    resolved           BOOLEAN,
    satisfied          BOOLEAN,
    -- deadlines breached (the case went to a supervisor as a 督办 task)
    breaches           INTEGER      NOT NULL DEFAULT 0
);

CREATE INDEX cf_case_figures_period_idx ON cf_case_figures (created_at, district_code);
CREATE INDEX cf_case_figures_open_idx ON cf_case_figures (is_open, district_code, handling_due_at);
-- a district's own view (its supervisor and command office)
CREATE INDEX cf_case_figures_district_idx ON cf_case_figures (district_code, created_at);
