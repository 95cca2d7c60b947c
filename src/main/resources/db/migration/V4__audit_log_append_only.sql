-- The audit log is evidence: rows are added, never changed or removed, whoever holds a connection. The API has no
-- way to change it; this makes the database refuse it too (a deliberate purge needs the trigger dropped first).
create function audit_log_refuse_change() returns trigger
language plpgsql as $$
begin
    raise exception 'the audit log is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_append_only_rows
    before update or delete on audit_log
    for each row execute function audit_log_refuse_change();

create trigger audit_log_append_only_truncate
    before truncate on audit_log
    for each statement execute function audit_log_refuse_change();
