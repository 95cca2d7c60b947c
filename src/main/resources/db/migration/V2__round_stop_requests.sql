-- A person may stop a round that another service instance is solving: the flag is read with each heartbeat.
alter table round add column stop_requested boolean not null default false;
