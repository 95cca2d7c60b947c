-- Notifications (docs/notifications.md): where an organisation (or the planners' own integration, organisation
-- null) wants to hear of changes, an outbox written in the transaction of the change, every delivery attempt,
-- and calendar feeds reached by a secret in their address.

create table webhook_endpoint (
    id              text primary key,
    event_id        text not null references event (id) on delete cascade,
    -- null: a staff endpoint (every organisation's facts, in staff's words)
    organisation_id text,
    url             text not null,
    event_types     text[] not null,
    -- In clear: a signature needs it (Standard Webhooks, HMAC-SHA256). Shown once, at creation and rotation.
    secret          text not null,
    created_by      text not null,
    created_at      timestamptz not null default now()
);
create index webhook_endpoint_recipient on webhook_endpoint (event_id, organisation_id);

create table contact_address (
    event_id        text not null references event (id) on delete cascade,
    organisation_id text not null,
    address         text not null,
    constraint contact_address_pk primary key (event_id, organisation_id, address)
);

-- The outbox: one row per message and recipient (an endpoint, or an e-mail address). The body is kept exactly as
-- signed, so a retry is byte for byte the first attempt.
create table notification (
    id              bigserial primary key,
    message_id      text not null unique,
    event_id        text not null references event (id) on delete cascade,
    organisation_id text,
    channel         text not null check (channel in ('WEBHOOK', 'EMAIL')),
    endpoint_id     text references webhook_endpoint (id) on delete set null,
    address         text,
    type            text not null,
    body            text not null,
    status          text not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'GAVE_UP')),
    attempts        int not null default 0,
    created_at      timestamptz not null default now(),
    -- written, or redelivered by a planner: retries end a day after this
    retrying_since  timestamptz not null default now(),
    next_attempt_at timestamptz not null default now(),
    delivered_at    timestamptz
);
create index notification_due on notification (next_attempt_at) where status = 'PENDING';
create index notification_recipient on notification (event_id, organisation_id, id);

create table notification_attempt (
    id              bigserial primary key,
    notification_id bigint not null references notification (id) on delete cascade,
    attempted_at    timestamptz not null default now(),
    instance        text not null,
    succeeded       boolean not null,
    -- the receiver's HTTP status, when it answered
    http_status     int,
    outcome         text not null,
    -- null: delivered, or given up
    next_attempt_at timestamptz
);
create index notification_attempt_of on notification_attempt (notification_id, id);

create table calendar_feed (
    id              text primary key,
    event_id        text not null references event (id) on delete cascade,
    organisation_id text not null,
    -- SHA-256 of the secret in the feed's address; the secret itself is shown once
    token_hash      text not null unique,
    created_by      text not null,
    created_at      timestamptz not null default now(),
    rotated_at      timestamptz
);
create index calendar_feed_of on calendar_feed (event_id, organisation_id);
