--liquibase formatted sql

--changeset countersign:006-edit-lock
-- The one current lock state, shared by every node; its history is edit_lock_event.
create table edit_lock (
    id            smallint      primary key default 1 check (id = 1),
    locked        boolean       not null default false,
    kind          varchar(10)   check (kind in ('INCIDENT', 'DEPLOYMENT')),
    reason        varchar(1000),
    expected_end  timestamptz,
    since         timestamptz,
    locked_by     varchar(60),
    change_set_id bigint        references change_set (id),
    constraint edit_lock_complete check (not locked or (kind is not null and length(trim(reason)) > 0
                                                        and since is not null and locked_by is not null)),
    constraint edit_lock_token_only_for_deployments check (change_set_id is null or kind = 'DEPLOYMENT')
);
insert into edit_lock (id, locked) values (1, false);

create table edit_lock_event (
    id            bigint generated always as identity primary key,
    at            timestamptz   not null default now(),
    action        varchar(6)    not null check (action in ('LOCK', 'UNLOCK', 'CHANGE')),
    kind          varchar(10),
    reason        varchar(1000),
    expected_end  timestamptz,
    change_set_id bigint,
    actor         varchar(100)  not null,
    -- the database role really connected: countersign.actor is set by the application and
    -- cannot vouch for itself
    db_user       varchar(100)  not null default session_user,
    note          varchar(1000)
);
create index edit_lock_event_at_idx on edit_lock_event (at desc);

--changeset countersign:006-edit-lock-functions splitStatements:false
-- Every lock and unlock is audited by the database itself, so a lock set from psql is on record too.
-- SECURITY DEFINER: the application role reads the audit trail but cannot write it by hand.
create function edit_lock_audit() returns trigger language plpgsql security definer set search_path = public as $$
begin
    insert into edit_lock_event (action, kind, reason, expected_end, change_set_id, actor, note)
    select case when new.locked and not old.locked then 'LOCK'
                when old.locked and not new.locked then 'UNLOCK'
                else 'CHANGE' end,
           coalesce(new.kind, old.kind), coalesce(new.reason, old.reason),
           coalesce(new.expected_end, old.expected_end), coalesce(new.change_set_id, old.change_set_id),
           countersign_actor(), countersign_reason();
    return null;
end
$$;

create function edit_lock_is_permanent() returns trigger language plpgsql as $$
begin
    raise exception 'Countersign: % keeps the lock state; % is not allowed (update locked instead)', tg_table_name, tg_op
        using errcode = 'P0001';
end
$$;

-- Guard rule 3: while editing is locked, proforma tables refuse writes, except under the token of
-- the deployment that holds the lock. FOR SHARE makes locking wait for writes already under way,
-- so once lock() has committed no unlocked write can still commit after it.
create function edit_lock_guard() returns trigger language plpgsql as $$
declare
    l record;
begin
    select locked, kind, reason, since, locked_by, change_set_id into l from edit_lock where id = 1 for share;
    if not found or not l.locked then
        return null;
    end if;
    if l.change_set_id is not null and countersign_change_set() is not distinct from l.change_set_id then
        return null;
    end if;
    raise exception 'Countersign guard: editing is locked (%) since % by %: %; % on % refused, nothing was changed',
        l.kind, to_char(l.since, 'YYYY-MM-DD HH24:MI'), l.locked_by, l.reason, tg_op, tg_table_name
        using errcode = 'P0001';
end
$$;

--changeset countersign:006-edit-lock-triggers
create trigger edit_lock_audit after update on edit_lock
    for each row when (old.* is distinct from new.*) execute function edit_lock_audit();
create trigger edit_lock_no_delete before delete or truncate on edit_lock
    for each statement execute function edit_lock_is_permanent();
create trigger edit_lock_event_append_only before update or delete or truncate on edit_lock_event
    for each statement execute function countersign_history_is_append_only();

create trigger a_proforma_edit_lock before insert or update or delete on proforma
    for each statement execute function edit_lock_guard();
create trigger a_proforma_line_edit_lock before insert or update or delete on proforma_line
    for each statement execute function edit_lock_guard();
