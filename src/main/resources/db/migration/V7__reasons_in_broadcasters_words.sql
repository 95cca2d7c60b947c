-- A request's reasons are what its broadcaster reads (GET /api/events/{e}/requests/{id}). Before this version they
-- were staff's wording, naming other organisations' requests and weights. They are cleared rather than kept: the
-- next round writes each request's reasons in its broadcaster's own words, and staff keep the full reasons in every
-- round's report, so nothing is lost.
update request set reasons = '[]'::jsonb where reasons <> '[]'::jsonb;
