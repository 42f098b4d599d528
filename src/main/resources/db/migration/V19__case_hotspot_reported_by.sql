-- The hotspot a case belongs to, by the request that reported it (hotspot.drl). With V18's time alone, a request that
-- joined a hotspot carried no mark, so once 50 newer requests had joined (the most the hotspot check reads), the
-- report was out of sight and the spot was reported again. Now every request of a hotspot carries its report: the
-- reporting request (hotspot_reported_by) and when it reported (hotspot_reported_at; for the reporter itself, as V18).
ALTER TABLE cf_case ADD COLUMN hotspot_reported_by VARCHAR(32);

UPDATE cf_case SET hotspot_reported_by = business_key WHERE hotspot_reported_at IS NOT NULL;
