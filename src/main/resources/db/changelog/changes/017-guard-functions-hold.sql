--liquibase formatted sql

-- The guard, history and edit-lock functions hold against the role the portal connects as.
-- Every function here names tables and functions with public., runs with search_path pinned to
-- pg_catalog, pg_temp (pg_temp last: a TEMP table named like ours is never found, and pg_temp is
-- never searched for functions or operators), and is owned by the owner that runs Liquibase. The
-- ones that write what the caller may not (history, the touched set, the commit check, the lock)
-- are SECURITY DEFINER, so a role with DML on proformas only (the deployment sandbox) still gets
-- history and guard checks. Calls into public. pass exact argument types, so that an overload the
-- application role could create in public (it has CREATE there, for Flowable) is never a better
-- match.

--changeset countersign:017-touched-set
-- The proformas each running transaction has changed, where only the guard's SECURITY DEFINER
-- triggers write: the application role gets SELECT at most. Unlogged: it only matters while the
-- transaction runs. Rows of finished transactions are swept by countersign_sweep_touched().
create unlogged table public.guard_touched (
    txid        bigint not null,
    proforma_id bigint not null,
    primary key (txid, proforma_id)
);
--rollback drop table public.guard_touched;

-- Who really wrote each version: the login role, the actor the application set (null when none),
-- the client's address. With txid and change_set_id that is the whole origin of a row.
alter table public.proforma_version add column db_user varchar(100), add column app_actor varchar(100),
    add column client_addr inet;
alter table public.proforma_line_version add column db_user varchar(100), add column app_actor varchar(100),
    add column client_addr inet;
--rollback alter table public.proforma_version drop column db_user, drop column app_actor, drop column client_addr;
--rollback alter table public.proforma_line_version drop column db_user, drop column app_actor, drop column client_addr;

--changeset countersign:017-history-functions splitStatements:false
create or replace function public.countersign_actor() returns varchar language sql stable
    set search_path = pg_catalog, pg_temp as $$
    select coalesce(nullif(current_setting('countersign.actor', true), ''), session_user::varchar)
$$;

create or replace function public.countersign_reason() returns varchar language sql stable
    set search_path = pg_catalog, pg_temp as $$
    select nullif(current_setting('countersign.reason', true), '')
$$;

create or replace function public.countersign_change_set() returns bigint language plpgsql stable
    set search_path = pg_catalog, pg_temp as $$
declare
    token text := nullif(current_setting('countersign.change_set', true), '');
begin
    if token is null then
        return null;
    end if;
    if token !~ '^[0-9]{1,18}$' then
        raise exception 'Countersign guard: countersign.change_set must be a change-set id, got "%"', token
            using errcode = 'P0001';
    end if;
    return token::bigint;
end
$$;

create or replace function public.proforma_capture() returns trigger language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
begin
    if tg_op = 'DELETE' then
        insert into public.proforma_version (proforma_id, operation, valid_from, actor, change_set_id, reason, txid,
               db_user, app_actor, client_addr,
               number, customer_name, customer_address, customer_vat_id, issue_date, valid_until, currency,
               status, notes, source, version, created_at, created_by, updated_at, updated_by)
        select o.id, 'D', now(), public.countersign_actor(), public.countersign_change_set(), public.countersign_reason(),
               txid_current(), session_user, nullif(current_setting('countersign.actor', true), ''), inet_client_addr(),
               o.number, o.customer_name, o.customer_address, o.customer_vat_id, o.issue_date,
               o.valid_until, o.currency, o.status, o.notes, o.source, o.version, o.created_at, o.created_by,
               o.updated_at, o.updated_by
          from old_rows o;
    else
        insert into public.proforma_version (proforma_id, operation, valid_from, actor, change_set_id, reason, txid,
               db_user, app_actor, client_addr,
               number, customer_name, customer_address, customer_vat_id, issue_date, valid_until, currency,
               status, notes, source, version, created_at, created_by, updated_at, updated_by)
        select n.id, left(tg_op, 1), now(), public.countersign_actor(), public.countersign_change_set(),
               public.countersign_reason(),
               txid_current(), session_user, nullif(current_setting('countersign.actor', true), ''), inet_client_addr(),
               n.number, n.customer_name, n.customer_address, n.customer_vat_id, n.issue_date,
               n.valid_until, n.currency, n.status, n.notes, n.source, n.version, n.created_at, n.created_by,
               n.updated_at, n.updated_by
          from new_rows n;
    end if;
    return null;
end
$$;

create or replace function public.proforma_line_capture() returns trigger language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
begin
    if tg_op = 'DELETE' then
        insert into public.proforma_line_version (proforma_id, position, operation, valid_from, actor, change_set_id,
               reason, txid, db_user, app_actor, client_addr, description, quantity, unit_price, tax_rate)
        select o.proforma_id, o.position, 'D', now(), public.countersign_actor(), public.countersign_change_set(),
               public.countersign_reason(), txid_current(), session_user,
               nullif(current_setting('countersign.actor', true), ''), inet_client_addr(),
               o.description, o.quantity, o.unit_price, o.tax_rate
          from old_rows o;
    else
        insert into public.proforma_line_version (proforma_id, position, operation, valid_from, actor, change_set_id,
               reason, txid, db_user, app_actor, client_addr, description, quantity, unit_price, tax_rate)
        select n.proforma_id, n.position, left(tg_op, 1), now(), public.countersign_actor(),
               public.countersign_change_set(), public.countersign_reason(), txid_current(), session_user,
               nullif(current_setting('countersign.actor', true), ''), inet_client_addr(),
               n.description, n.quantity, n.unit_price, n.tax_rate
          from new_rows n;
    end if;
    return null;
end
$$;

create or replace function public.countersign_history_is_append_only() returns trigger language plpgsql
    set search_path = pg_catalog, pg_temp as $$
begin
    raise exception 'Countersign: % is append-only history; % is not allowed', tg_table_name, tg_op
        using errcode = 'P0001';
end
$$;

--changeset countersign:017-guard-functions splitStatements:false
-- Rows of transactions that are over (below the snapshot's xmin nothing runs any more), oldest
-- first, at most max_rows of them: each transaction's first touch sweeps a bounded share, so no
-- single edit pays for a large apply's leftovers at once. SKIP LOCKED: two sessions sweeping at
-- once never wait for each other. A running transaction's rows are never below xmin, so they stay,
-- whoever calls this.
create function public.countersign_sweep_touched(max_rows integer) returns integer language sql security definer
    set search_path = pg_catalog, pg_temp as $$
    with gone as (
        delete from public.guard_touched t
         where t.ctid = any (array(select s.ctid from public.guard_touched s
                                    where s.txid < txid_snapshot_xmin(txid_current_snapshot())
                                    order by s.txid
                                    limit max_rows
                                      for update skip locked))
        returning 1)
    select count(*)::integer from gone
$$;

-- How many proformas this transaction has changed so far (the deployment dry run reports it).
create function public.countersign_touched_count() returns bigint language sql stable security definer
    set search_path = pg_catalog, pg_temp as $$
    select count(*) from public.guard_touched where txid = txid_current_if_assigned()
$$;

-- Records what a statement touched; a transaction's first record sweeps finished ones first.
create function public.countersign_touch(touched bigint[]) returns void language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
declare
    me bigint := txid_current();
begin
    if not exists (select from public.guard_touched where txid = me) then
        perform public.countersign_sweep_touched(1000);
    end if;
    insert into public.guard_touched (txid, proforma_id)
    select me, id from unnest(touched) as t(id)
    on conflict do nothing;
end
$$;
revoke execute on function public.countersign_touch(bigint[]) from public;

create or replace function public.countersign_approved_count(token bigint) returns integer language plpgsql
    security definer set search_path = pg_catalog, pg_temp as $$
declare
    cs record;
begin
    select status, expected_count into cs from public.change_set where id = token;
    if not found then
        raise exception 'Countersign guard: change set % does not exist; nothing was changed', token
            using errcode = 'P0001';
    end if;
    if cs.status not in ('APPROVED', 'APPLYING') then
        raise exception 'Countersign guard: change set % is %, not approved; nothing was changed', token, cs.status
            using errcode = 'P0001';
    end if;
    if cs.expected_count is null then
        raise exception 'Countersign guard: change set % has no approved row count; nothing was changed', token
            using errcode = 'P0001';
    end if;
    insert into public.guard_commit_check (txid, change_set_id) values (txid_current(), token) on conflict do nothing;
    return cs.expected_count;
end
$$;

create or replace function public.countersign_guard_check(touched_now bigint, tbl text, op text) returns void
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
declare
    token bigint := public.countersign_change_set();
    total bigint;
    approved integer;
begin
    select count(*) into total from public.guard_touched where txid = txid_current();
    if token is null then
        if touched_now > 1 then
            raise exception 'Countersign guard: % on % touches % proformas in one statement; changing more than one proforma needs an approved change set',
                op, tbl, touched_now using errcode = 'P0001';
        end if;
        if total > 1 then
            raise exception 'Countersign guard: this transaction has now changed % proformas (last: % on %); changing more than one proforma needs an approved change set',
                total, op, tbl using errcode = 'P0001';
        end if;
    else
        approved := public.countersign_approved_count(token);
        if total > approved then
            raise exception 'Countersign guard: change set % was approved for % proformas, this transaction has changed % (% on %); nothing was changed',
                token, approved, total, op, tbl using errcode = 'P0001';
        end if;
    end if;
end
$$;

create or replace function public.proforma_guard() returns trigger language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
declare
    touched bigint[];
begin
    if tg_op = 'INSERT' then
        -- new proformas are free, except under a change set, where they count like any other
        if public.countersign_change_set() is null then
            return null;
        end if;
        select array_agg(id) into touched from new_rows;
    else
        select array_agg(id) into touched from old_rows;
    end if;
    perform public.countersign_touch(coalesce(touched, '{}'::bigint[]));
    perform public.countersign_guard_check(coalesce(cardinality(touched), 0)::bigint, tg_table_name::text, tg_op::text);
    return null;
end
$$;

-- A line inserted into an existing proforma changes that proforma: it counts like an UPDATE. Lines
-- of a proforma created in this same transaction (its row's xmin is ours: the editor's "new
-- proforma", a seed) stay free, unless a change set is applying, where everything counts.
create or replace function public.proforma_line_guard() returns trigger language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
declare
    touched bigint[];
begin
    if tg_op = 'INSERT' then
        if public.countersign_change_set() is null then
            select array_agg(distinct n.proforma_id) into touched
              from new_rows n join public.proforma p on p.id = n.proforma_id
             where not (p.xmin = pg_current_xact_id()::xid);
        else
            select array_agg(distinct proforma_id) into touched from new_rows;
        end if;
    else
        select array_agg(distinct proforma_id) into touched from old_rows;
    end if;
    perform public.countersign_touch(coalesce(touched, '{}'::bigint[]));
    perform public.countersign_guard_check(coalesce(cardinality(touched), 0)::bigint, tg_table_name::text, tg_op::text);
    return null;
end
$$;

create or replace function public.countersign_refuse_truncate() returns trigger language plpgsql
    set search_path = pg_catalog, pg_temp as $$
begin
    raise exception 'Countersign guard: TRUNCATE of % is never allowed; delete rows under an approved change set',
        tg_table_name using errcode = 'P0001';
end
$$;

create or replace function public.countersign_refuse_key_change() returns trigger language plpgsql
    set search_path = pg_catalog, pg_temp as $$
begin
    raise exception 'Countersign guard: the key of a % row cannot be changed; delete it and insert the new one',
        tg_table_name using errcode = 'P0001';
end
$$;

-- Runs at commit, once per transaction that used a token: the count must be exact. The touched
-- rows stay until swept: emptied here, a SET CONSTRAINTS ... IMMEDIATE would restart the count.
create or replace function public.countersign_commit_check() returns trigger language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
declare
    total bigint;
    approved integer;
begin
    select count(*) into total from public.guard_touched where txid = new.txid;
    select expected_count into approved from public.change_set where id = new.change_set_id;
    if total <> approved then
        raise exception 'Countersign guard: change set % was approved for % proformas, this transaction changed %; rolled back, nothing was changed',
            new.change_set_id, approved, total using errcode = 'P0001';
    end if;
    delete from public.guard_commit_check where txid = new.txid;
    return null;
end
$$;

-- The per-session TEMP table it made is gone; a caller still using it fails loudly.
drop function public.countersign_touched_table();

--changeset countersign:017-edit-lock-functions splitStatements:false
create or replace function public.edit_lock_audit() returns trigger language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
begin
    insert into public.edit_lock_event (action, kind, reason, expected_end, change_set_id, actor, note)
    select case when new.locked and not old.locked then 'LOCK'
                when old.locked and not new.locked then 'UNLOCK'
                else 'CHANGE' end,
           coalesce(new.kind, old.kind), coalesce(new.reason, old.reason),
           coalesce(new.expected_end, old.expected_end), coalesce(new.change_set_id, old.change_set_id),
           public.countersign_actor(), public.countersign_reason();
    return null;
end
$$;

create or replace function public.edit_lock_is_permanent() returns trigger language plpgsql
    set search_path = pg_catalog, pg_temp as $$
begin
    raise exception 'Countersign: % keeps the lock state; % is not allowed (update locked instead)', tg_table_name, tg_op
        using errcode = 'P0001';
end
$$;

-- SECURITY DEFINER: FOR SHARE needs UPDATE on edit_lock, which only the owner has now.
create or replace function public.edit_lock_guard() returns trigger language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
declare
    l record;
begin
    select locked, kind, reason, since, locked_by, change_set_id into l from public.edit_lock where id = 1 for share;
    if not found or not l.locked then
        return null;
    end if;
    if l.change_set_id is not null and public.countersign_change_set() is not distinct from l.change_set_id then
        return null;
    end if;
    raise exception 'Countersign guard: editing is locked (%) since % by %: %; % on % refused, nothing was changed',
        l.kind, to_char(l.since, 'YYYY-MM-DD HH24:MI'), l.locked_by, l.reason, tg_op, tg_table_name
        using errcode = 'P0001';
end
$$;

-- The lock as the guard sees it, share-locked until the caller's transaction ends, so that a lock
-- waits for the writes under way.
create function public.countersign_edit_lock_held() returns setof public.edit_lock language sql security definer
    set search_path = pg_catalog, pg_temp as $$
    select * from public.edit_lock where id = 1 for share
$$;

-- The only way to lock. Never over a lock already set (no rebinding to another change set); an
-- INCIDENT lock needs the actor the application vouches for; a DEPLOYMENT lock only for a
-- DEPLOYMENT change set that is approved or applying. locked_by is that actor.
create function public.countersign_edit_lock(lock_kind text, lock_reason text, lock_expected_end timestamptz,
        lock_change_set bigint) returns boolean language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
declare
    app_actor text := nullif(current_setting('countersign.actor', true), '');
begin
    if lock_kind = 'INCIDENT' then
        if lock_change_set is not null then
            raise exception 'Countersign: an incident lock is bound to no change set' using errcode = 'P0001';
        end if;
        if app_actor is null then
            raise exception 'Countersign: locking editing needs the actor the portal sets (countersign.actor)'
                using errcode = 'P0001';
        end if;
    elsif lock_kind = 'DEPLOYMENT' then
        if not exists (select from public.change_set
                        where id = lock_change_set and kind = 'DEPLOYMENT' and status in ('APPROVED', 'APPLYING')) then
            raise exception 'Countersign: change set % is no approved deployment; editing stays as it is', lock_change_set
                using errcode = 'P0001';
        end if;
    else
        raise exception 'Countersign: unknown lock kind %', lock_kind using errcode = 'P0001';
    end if;
    update public.edit_lock
       set locked = true, kind = lock_kind, reason = lock_reason, expected_end = lock_expected_end, since = now(),
           locked_by = left(public.countersign_actor(), 60), change_set_id = lock_change_set
     where id = 1 and not locked;
    return found;
end
$$;

-- The only way to unlock: with a change set, only the lock that deployment holds; without one, the
-- actor the application vouches for lifts whatever lock is set (a manager's decision, audited).
create function public.countersign_edit_unlock(only_for_change_set bigint) returns boolean language plpgsql
    security definer set search_path = pg_catalog, pg_temp as $$
begin
    if only_for_change_set is null and nullif(current_setting('countersign.actor', true), '') is null then
        raise exception 'Countersign: unlocking editing needs the actor the portal sets (countersign.actor)'
            using errcode = 'P0001';
    end if;
    update public.edit_lock
       set locked = false, kind = null, reason = null, expected_end = null, since = null, locked_by = null,
           change_set_id = null
     where id = 1 and locked and (only_for_change_set is null or change_set_id = only_for_change_set);
    return found;
end
$$;

--changeset countersign:017-drop-staging-function splitStatements:false
-- The same pinning for the one other trigger function of ours (change_set's staging cleanup).
create or replace function public.countersign_drop_restore_staging() returns trigger language plpgsql
    set search_path = pg_catalog, pg_temp as $$
begin
    delete from public.recovery_item i using old_rows o where i.change_set_id = o.id;
    delete from public.change_set_restore_line l using old_rows o where l.change_set_id = o.id;
    delete from public.change_set_restore r using old_rows o where r.change_set_id = o.id;
    delete from public.change_set_target t using old_rows o where t.change_set_id = o.id;
    delete from public.change_set_preview p using old_rows o where p.change_set_id = o.id;
    return null;
end
$$;

--changeset countersign:017-triggers-always
-- session_replication_role = replica skips ordinary triggers; these fire in every mode.
alter table public.proforma enable always trigger proforma_history_insert;
alter table public.proforma enable always trigger proforma_history_update;
alter table public.proforma enable always trigger proforma_history_delete;
alter table public.proforma_line enable always trigger proforma_line_history_insert;
alter table public.proforma_line enable always trigger proforma_line_history_update;
alter table public.proforma_line enable always trigger proforma_line_history_delete;
alter table public.proforma enable always trigger a_proforma_guard_insert;
alter table public.proforma enable always trigger a_proforma_guard_update;
alter table public.proforma enable always trigger a_proforma_guard_delete;
alter table public.proforma enable always trigger proforma_no_truncate;
alter table public.proforma enable always trigger proforma_no_key_change;
alter table public.proforma enable always trigger a_proforma_edit_lock;
alter table public.proforma_line enable always trigger a_proforma_line_guard_insert;
alter table public.proforma_line enable always trigger a_proforma_line_guard_update;
alter table public.proforma_line enable always trigger a_proforma_line_guard_delete;
alter table public.proforma_line enable always trigger proforma_line_no_truncate;
alter table public.proforma_line enable always trigger proforma_line_no_key_change;
alter table public.proforma_line enable always trigger a_proforma_line_edit_lock;
alter table public.guard_commit_check enable always trigger guard_commit_count;
alter table public.proforma_version enable always trigger proforma_version_append_only;
alter table public.proforma_line_version enable always trigger proforma_line_version_append_only;
alter table public.edit_lock enable always trigger edit_lock_audit;
alter table public.edit_lock enable always trigger edit_lock_no_delete;
alter table public.edit_lock_event enable always trigger edit_lock_event_append_only;
