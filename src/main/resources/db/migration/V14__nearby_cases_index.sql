-- The hotspot check at intake reads the newest earlier requests of the same category in the district near the new
-- one (CaseRepository.locatedCases, at most 50). Ordered by this index (category, district, newest first), the
-- database stops after the 50th request inside the search box; with the (category, created_at) index it read every
-- request of the category in the 7-day window and sorted them, so each new request cost more as the week filled.
CREATE INDEX cf_case_nearby_idx ON cf_case (category, district_code, created_at DESC);
