-- Published allocations are promises: whatever code runs, the database itself refuses two of them overlapping on one
-- resource (intervals half-open, as the spec's: back to back is no overlap).
create extension if not exists btree_gist;

alter table pinned_allocation add constraint pinned_allocation_no_overlap
    exclude using gist (event_id with =, resource_id with =, tstzrange(starts_at, ends_at, '[)') with &&);

-- A round claimed by an instance whose solver is busy waits QUEUED (with heartbeats) until its turn; if that
-- instance dies first, the round goes back to what it was before (queued_from), never INTERRUPTED: its solver never ran.
alter table round add column queued_from text;
alter table round add constraint round_queued_from_known check (queued_from is null or queued_from in
    ('CREATED', 'STOPPED', 'INTERRUPTED'));

drop index round_one_solving_per_event;
create unique index round_one_solving_per_event on round (event_id) where status in ('QUEUED', 'SOLVING');

-- What a publish left out of its promises, and why (amended or withdrawn since the snapshot, resource gone).
alter table round add column left_out jsonb not null default '[]';
