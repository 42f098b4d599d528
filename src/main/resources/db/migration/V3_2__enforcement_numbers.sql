-- Numbers for joint law-enforcement operations opened directly by an enforcement office (JE-2026-000001); an
-- operation opened from a citizen request carries that request's business key instead.
CREATE SEQUENCE cf_enforcement_number_seq START WITH 1 INCREMENT BY 1;
