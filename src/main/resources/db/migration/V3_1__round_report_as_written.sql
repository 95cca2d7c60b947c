-- A round's report is written whole and read whole, never queried inside: kept as the text the service wrote (json,
-- not jsonb), so that reading it back needs no conversion and it is served in the order of the spec.
alter table round alter column report type json using report::text::json;
