-- The planner's hand: fills, offers and hand placements (docs/planners-hand.md).

-- A FULL round snapshots every open request; a FILL round is planned at once when a promised place is freed (or a
-- late request arrives): the published stays pinned, only the waitlisted and late compete for what is free.
alter table round add column kind text not null default 'FULL';
alter table round add constraint round_kind_known check (kind in ('FULL', 'FILL'));

-- A planner's placements by hand in an unpublished round, apart from the solver's (round_allocation is rewritten
-- with every saved best): kept where the hand put them when the round is solved again. No resource: unassigned by
-- hand. Who and when, for the report, the timeline and the audit log.
create table round_hand_placement (
    event_id     text        not null,
    round_number integer     not null,
    request_id   text        not null,
    resource_id  text,
    starts_at    timestamptz,
    placed_by    text        not null,
    placed_at    timestamptz not null default now(),
    constraint round_hand_placement_pk primary key (event_id, round_number, request_id),
    constraint round_hand_placement_round_fk foreign key (event_id, round_number)
        references round (event_id, number) on delete cascade,
    constraint round_hand_placement_whole check ((resource_id is null) = (starts_at is null))
);

-- A place a published fill gives is OFFERED (pinned, so no round takes it) until its broadcaster accepts it
-- (CONFIRMED) or declines it or lets it expire (WAITLISTED again, the place offered on by the next fill).
alter table request drop constraint request_status_known;
alter table request add constraint request_status_known check (status in
    ('SUBMITTED', 'ALLOCATED', 'WAITLISTED', 'OFFERED', 'CONFIRMED', 'CANCELLED', 'REJECTED'));

-- How long a broadcaster has to answer an offer, and whether a fill is published without a planner.
alter table event add column offer_seconds integer not null default 86400;
alter table event add constraint event_offer_seconds_positive check (offer_seconds > 0);
alter table event add column fills_publish_themselves boolean not null default false;

create table offer (
    event_id     text        not null,
    request_id   text        not null,
    round_number integer     not null,
    resource_id  text        not null,
    starts_at    timestamptz not null,
    ends_at      timestamptz not null,
    made_at      timestamptz not null default now(),
    expires_at   timestamptz not null,
    status       text        not null default 'OPEN',
    decided_at   timestamptz,
    decided_by   text,
    constraint offer_pk primary key (event_id, request_id, round_number),
    constraint offer_request_fk foreign key (event_id, request_id)
        references request (event_id, id) on delete cascade,
    constraint offer_status_known check (status in ('OPEN', 'ACCEPTED', 'DECLINED', 'EXPIRED')),
    constraint offer_decided check ((status = 'OPEN') = (decided_at is null))
);

-- At most one open offer per request; the expiry sweep looks for open offers by time.
create unique index offer_one_open_per_request on offer (event_id, request_id) where status = 'OPEN';
create index offer_open_by_expiry on offer (expires_at) where status = 'OPEN';

-- A SOLVED round changed by hand may be solved again (keeping the hand placements): its claim remembers SOLVED.
alter table round drop constraint round_queued_from_known;
alter table round add constraint round_queued_from_known check (queued_from is null or queued_from in
    ('CREATED', 'SOLVED', 'STOPPED', 'INTERRUPTED'));
