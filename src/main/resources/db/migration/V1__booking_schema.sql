-- broadcast-allocation: events, their site and organisations, requests, allocation rounds, published pins, audit.
-- Ids in the API are the problem document's ids (text, unique per event); rows carry the event id in their key so
-- that two events never mix. Every rule a row alone can break is a named check.

create table event (
    id                  text primary key,
    name                text        not null,
    time_zone           text        not null,
    starts_at           timestamptz not null,
    ends_at             timestamptz not null,
    request_deadline    timestamptz,
    opening_hours       jsonb       not null default '[]',
    parking_access_days jsonb       not null default '[]',
    late_intake         boolean     not null default false,
    quota               jsonb       not null default '{}',
    weights             jsonb,
    -- Bumped by every publication: a round snapshotted under an older value was built on stale pins.
    pins_version        integer     not null default 0,
    version             integer     not null default 0,
    created_at          timestamptz not null default now(),
    constraint event_id_not_blank check (length(trim(id)) > 0),
    constraint event_ends_after_start check (ends_at > starts_at)
);

create table zone (
    event_id    text    not null references event (id) on delete cascade,
    id          text    not null,
    fibre_links integer not null,
    constraint zone_pk primary key (event_id, id),
    constraint zone_fibre_links_not_negative check (fibre_links >= 0)
);

create table organisation (
    event_id text not null references event (id) on delete cascade,
    id       text not null,
    name     text not null,
    kind     text not null,
    country  text,
    constraint organisation_pk primary key (event_id, id),
    constraint organisation_kind_known check (kind in
        ('HOST_BROADCASTER', 'NATIONAL_DELEGATION', 'BROADCASTER', 'NEWS_AGENCY', 'RADIO'))
);

create table api_key (
    id              bigserial primary key,
    event_id        text        not null,
    organisation_id text        not null,
    -- SHA-256 of the key, hex; the key itself is shown once and never stored.
    key_hash        text        not null,
    key_prefix      text        not null,
    created_at      timestamptz not null default now(),
    created_by      text        not null,
    revoked_at      timestamptz,
    constraint api_key_hash_unique unique (key_hash),
    constraint api_key_organisation_fk foreign key (event_id, organisation_id)
        references organisation (event_id, id) on delete cascade
);

create table resource (
    event_id     text    not null references event (id) on delete cascade,
    id           text    not null,
    type         text    not null,
    zone         text    not null,
    x            integer not null,
    y            integer not null,
    capacity     integer,
    features     jsonb   not null default '[]',
    availability jsonb   not null default '[]',
    -- A planner can close a resource (broken, taken for security) without deleting it.
    closed       boolean not null default false,
    version      integer not null default 0,
    constraint resource_pk primary key (event_id, id),
    constraint resource_type_known check (type in ('EDIT_BOOTH', 'STANDUP_INDOOR', 'STANDUP_OUTDOOR', 'LIVE_AREA',
        'TV_STUDIO', 'ONLINE_STUDIO', 'PARKING_SNG', 'PARKING_OB')),
    constraint resource_capacity_positive check (capacity is null or capacity > 0)
);

create table request (
    event_id           text        not null,
    id                 text        not null,
    organisation_id    text        not null,
    type               text        not null,
    window_from        timestamptz not null,
    window_to          timestamptz not null,
    duration_minutes   integer,
    crew_size          integer,
    vehicle_kind       text,
    vehicle_length     integer,
    required_features  jsonb       not null default '[]',
    preferred_features jsonb       not null default '[]',
    preferred_start    timestamptz,
    needs_fibre        boolean     not null default false,
    priority           integer     not null default 2,
    submitted_at       timestamptz not null,
    status             text        not null default 'SUBMITTED',
    -- Why a waitlisted request got nothing, from the round that left it out.
    reasons            jsonb       not null default '[]',
    version            integer     not null default 0,
    updated_at         timestamptz not null default now(),
    constraint request_pk primary key (event_id, id),
    constraint request_organisation_fk foreign key (event_id, organisation_id)
        references organisation (event_id, id),
    constraint request_type_known check (type in ('EDIT_BOOTH', 'STANDUP_INDOOR', 'STANDUP_OUTDOOR', 'LIVE_AREA',
        'TV_STUDIO', 'ONLINE_STUDIO', 'PARKING_SNG', 'PARKING_OB')),
    constraint request_window_positive check (window_to > window_from),
    constraint request_duration_positive check (duration_minutes is null or duration_minutes > 0),
    constraint request_crew_positive check (crew_size is null or crew_size > 0),
    constraint request_vehicle_kind_known check (vehicle_kind is null or vehicle_kind in ('SNG', 'OB')),
    constraint request_vehicle_length_positive check (vehicle_length is null or vehicle_length > 0),
    constraint request_priority_range check (priority between 1 and 3),
    constraint request_status_known check (status in
        ('SUBMITTED', 'ALLOCATED', 'WAITLISTED', 'CONFIRMED', 'CANCELLED', 'REJECTED'))
);

create index request_by_organisation on request (event_id, organisation_id);

-- A broadcaster's POST retried with the same Idempotency-Key gets the first answer back.
create table idempotency_key (
    event_id        text        not null,
    organisation_id text        not null,
    key             text        not null,
    request_id      text        not null,
    response_status integer     not null,
    response_body   jsonb       not null,
    created_at      timestamptz not null default now(),
    constraint idempotency_key_pk primary key (event_id, organisation_id, key)
);

create table round (
    event_id           text        not null references event (id) on delete cascade,
    number             integer     not null,
    status             text        not null,
    created_at         timestamptz not null default now(),
    created_by         text        not null,
    -- The what-if overrides (weights, quota, closed resources) this round was asked for.
    overrides          jsonb       not null default '{}',
    -- The problem document as snapshotted: open requests and the pins of the moment.
    problem            jsonb       not null,
    pins_version       integer     not null,
    time_limit_seconds integer,
    -- Which service instance solves it, and when it last said so.
    claimed_by         text,
    heartbeat_at       timestamptz,
    started_at         timestamptz,
    ended_at           timestamptz,
    score_hard         integer,
    score_medium       integer,
    score_soft         integer,
    solving_millis     bigint,
    -- The best solution so far, as the spec's allocation report.
    report             jsonb,
    published_at       timestamptz,
    published_by       text,
    version            integer     not null default 0,
    constraint round_pk primary key (event_id, number),
    constraint round_number_positive check (number > 0),
    constraint round_status_known check (status in
        ('CREATED', 'QUEUED', 'SOLVING', 'SOLVED', 'STOPPED', 'INTERRUPTED', 'FAILED', 'PUBLISHED'))
);

create unique index round_one_solving_per_event on round (event_id) where status = 'SOLVING';

create table round_allocation (
    event_id     text        not null,
    round_number integer     not null,
    request_id   text        not null,
    resource_id  text        not null,
    starts_at    timestamptz not null,
    ends_at      timestamptz not null,
    pinned       boolean     not null,
    constraint round_allocation_pk primary key (event_id, round_number, request_id),
    constraint round_allocation_round_fk foreign key (event_id, round_number)
        references round (event_id, number) on delete cascade,
    constraint round_allocation_interval check (ends_at > starts_at)
);

-- Published allocations: what was promised. Later rounds keep them exactly (hard rule 9).
create table pinned_allocation (
    event_id     text        not null,
    request_id   text        not null,
    resource_id  text        not null,
    starts_at    timestamptz not null,
    ends_at      timestamptz not null,
    round_number integer     not null,
    constraint pinned_allocation_pk primary key (event_id, request_id),
    constraint pinned_allocation_request_fk foreign key (event_id, request_id)
        references request (event_id, id) on delete cascade,
    constraint pinned_allocation_resource_fk foreign key (event_id, resource_id)
        references resource (event_id, id),
    constraint pinned_allocation_interval check (ends_at > starts_at)
);

-- Who changed what, when, before and after: written in the same transaction as the change, never updated.
create table audit_log (
    id        bigserial primary key,
    at        timestamptz not null default now(),
    actor     text        not null,
    action    text        not null,
    event_id  text,
    entity    text        not null,
    entity_id text,
    before    jsonb,
    after     jsonb
);

create index audit_log_by_event on audit_log (event_id, at);
