-- When the case reported a hotspot to its district (hotspot.drl). The hotspot check at intake reads it with the earlier
-- requests nearby (CaseRepository.locatedCases): a hotspot one of them reported in the last 7 days is joined, not
-- reported again. Until now every request of a hotspot reported it, so each flagged case counts as having reported.
ALTER TABLE cf_case ADD COLUMN hotspot_reported_at TIMESTAMP WITH TIME ZONE;

UPDATE cf_case SET hotspot_reported_at = (
        SELECT MIN(e.occurred_at) FROM cf_case_event e
        WHERE e.business_key = cf_case.business_key AND e.type = 'HOTSPOT_FLAGGED')
    WHERE EXISTS (
        SELECT 1 FROM cf_case_event e WHERE e.business_key = cf_case.business_key AND e.type = 'HOTSPOT_FLAGGED');
