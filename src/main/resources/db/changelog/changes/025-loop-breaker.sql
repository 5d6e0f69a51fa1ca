--liquibase formatted sql

-- A breaker for loops (issue 13, item 6). The guard counts proformas per statement and per
-- transaction; a procedure that commits after each row, or a script of autocommit single-row
-- updates, stays under both and still overwrites everything. The breaker counts per actor (the
-- login role and the actor the application set) the distinct existing proformas changed without a
-- change-set token within a window. The change that reaches the limit is the last one allowed: it
-- records a trip in its own transaction (a refused statement rolls back and could record nothing),
-- and from then on every change by that actor is refused until a manager resets the breaker with a
-- reason. Everything here is the owner's; the application role reads the trips, nothing more.

--changeset countersign:025-loop-breaker-tables
create table public.loop_breaker_setting (
    id            smallint     primary key default 1 check (id = 1),
    max_proformas integer      not null check (max_proformas > 0),
    time_window   interval     not null check (time_window > interval '0'),
    changed_at    timestamptz  not null default now(),
    changed_by    varchar(100) not null
);

-- One row per actor and proforma: when that actor last changed it. Rows older than the window
-- are swept as writes go by.
create table public.loop_breaker_touch (
    db_user     varchar(100) not null,
    actor       varchar(100) not null,
    proforma_id bigint       not null,
    at          timestamptz  not null,
    primary key (db_user, actor, proforma_id)
);
create index loop_breaker_touch_window_idx on public.loop_breaker_touch (db_user, actor, at);
create index loop_breaker_touch_sweep_idx on public.loop_breaker_touch (at);

create table public.loop_breaker_trip (
    id                bigint generated always as identity primary key,
    db_user           varchar(100) not null,
    actor             varchar(100) not null,
    tripped_at        timestamptz  not null default now(),
    proforma_count    integer      not null,
    max_proformas     integer      not null,
    time_window       interval     not null,
    first_proforma_id bigint       not null,
    first_at          timestamptz  not null,
    last_proforma_id  bigint       not null,
    txid              bigint       not null,
    reset_at          timestamptz,
    reset_by          varchar(100),
    reset_reason      text,
    check ((reset_at is null) = (reset_by is null) and (reset_at is null) = (reset_reason is null))
);
-- At most one open trip per actor.
create unique index loop_breaker_trip_open_idx on public.loop_breaker_trip (db_user, actor) where reset_at is null;
create index loop_breaker_trip_recent_idx on public.loop_breaker_trip (tripped_at desc);

-- Every trip, reset and change of the settings, appended only.
create table public.loop_breaker_event (
    id            bigint generated always as identity primary key,
    at            timestamptz  not null default now(),
    action        varchar(20)  not null check (action in ('TRIP', 'RESET', 'CONFIGURE')),
    trip_id       bigint references public.loop_breaker_trip (id),
    actor         varchar(100) not null,
    db_user       varchar(100) not null,
    reason        text,
    max_proformas integer,
    time_window   interval
);
create index loop_breaker_event_recent_idx on public.loop_breaker_event (at desc);

insert into public.loop_breaker_setting (id, max_proformas, time_window, changed_by)
values (1, 25, interval '10 minutes', 'changeset 025');
insert into public.loop_breaker_event (action, actor, db_user, reason, max_proformas, time_window)
values ('CONFIGURE', 'changeset 025', current_user, 'the defaults as shipped', 25, interval '10 minutes');
--rollback drop table public.loop_breaker_event; drop table public.loop_breaker_trip; drop table public.loop_breaker_touch; drop table public.loop_breaker_setting;

--changeset countersign:025-loop-breaker-functions splitStatements:false
create function public.countersign_breaker_event_is_append_only() returns trigger language plpgsql
    set search_path = pg_catalog, pg_temp as $$
begin
    raise exception 'Countersign: % is an append-only audit; % is not allowed', tg_table_name, tg_op
        using errcode = 'P0001';
end
$$;

create trigger loop_breaker_event_append_only before update or delete or truncate on public.loop_breaker_event
    for each statement execute function public.countersign_breaker_event_is_append_only();
alter table public.loop_breaker_event enable always trigger loop_breaker_event_append_only;

-- Counts what one statement changed toward its actor's window, refuses a tripped actor, and trips
-- the breaker when the window reaches the limit. Writes under the token of an approved change set
-- are the guard's business (it honours the token only in the transaction that claimed it, for its
-- targets, or refuses the statement), so they never count here; a token naming no approved change
-- set counts like none.
create function public.countersign_breaker_count() returns trigger language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
declare
    token bigint := public.countersign_change_set();
    touched bigint[];
    me_db varchar := session_user::varchar;
    me varchar := left(public.countersign_actor(), 100);
    me_xact bigint;
    cfg record;
    open_trip record;
    total integer;
    oldest record;
begin
    if token is not null
       and exists (select from public.change_set where id = token and status in ('APPROVED', 'APPLYING')) then
        return null;
    end if;
    me_xact := txid_current();
    -- The existing proformas this statement changed. A proforma whose insert this transaction
    -- recorded in history is new (the editor's "new proforma" with its lines): free.
    if tg_table_name = 'proforma_line' and tg_op = 'INSERT' then
        select array_agg(distinct n.proforma_id) into touched
          from new_rows n
         where not exists (select from public.proforma_version v
                            where v.txid = me_xact and v.proforma_id = n.proforma_id and v.operation = 'I');
    elsif tg_table_name = 'proforma_line' then
        select array_agg(distinct o.proforma_id) into touched
          from old_rows o
         where not exists (select from public.proforma_version v
                            where v.txid = me_xact and v.proforma_id = o.proforma_id and v.operation = 'I');
    else
        select array_agg(o.id) into touched
          from old_rows o
         where not exists (select from public.proforma_version v
                            where v.txid = me_xact and v.proforma_id = o.id and v.operation = 'I');
    end if;
    if touched is null then
        return null;
    end if;

    -- One actor's transactions count one after the other, so parallel sessions cannot both pass.
    perform pg_advisory_xact_lock(hashtextextended('countersign.loop_breaker:' || me_db || ':' || me, 0));

    -- A trip recorded by this very transaction is the write that reached the limit: it goes through.
    select tripped_at, proforma_count, time_window into open_trip
      from public.loop_breaker_trip
     where db_user = me_db and actor = me and reset_at is null and txid <> me_xact;
    if found then
        raise exception 'Countersign breaker: % (database role %) changed % proformas within % without an approved change set and tripped the breaker at %; every further change by % is refused until a manager resets the breaker in Recovery. Changing many proformas needs an approved change set (Bulk edit).',
            me, me_db, open_trip.proforma_count, open_trip.time_window,
            to_char(open_trip.tripped_at, 'YYYY-MM-DD HH24:MI:SS'), me
            using errcode = 'P0001';
    end if;

    select max_proformas, time_window into cfg from public.loop_breaker_setting where id = 1;
    -- Sweep a bounded share of anybody's rows that have left the window.
    delete from public.loop_breaker_touch t
     where t.ctid = any (array(select s.ctid from public.loop_breaker_touch s
                                where s.at < now() - cfg.time_window
                                order by s.at
                                limit 200
                                  for update skip locked));
    insert into public.loop_breaker_touch (db_user, actor, proforma_id, at)
    select me_db, me, t.id, now() from unnest(touched) as t(id)
    on conflict (db_user, actor, proforma_id) do update set at = excluded.at;
    -- counting stops one past the limit: what a statement pays does not grow with a long window
    select count(*) into total
      from (select from public.loop_breaker_touch
             where db_user = me_db and actor = me and at >= now() - cfg.time_window
             limit cfg.max_proformas + 1) as in_window;

    if total > cfg.max_proformas then
        raise exception 'Countersign breaker: % on % would make % (database role %) change % proformas within % without an approved change set; the limit is %. Nothing was changed. Changing many proformas needs an approved change set (Bulk edit).',
            tg_op, tg_table_name, me, me_db, total, cfg.time_window, cfg.max_proformas
            using errcode = 'P0001';
    end if;
    if total = cfg.max_proformas then
        select proforma_id, at into oldest
          from public.loop_breaker_touch where db_user = me_db and actor = me and at >= now() - cfg.time_window
         order by at, proforma_id limit 1;
        with trip as (
            insert into public.loop_breaker_trip (db_user, actor, proforma_count, max_proformas, time_window,
                   first_proforma_id, first_at, last_proforma_id, txid)
            values (me_db, me, total, cfg.max_proformas, cfg.time_window, oldest.proforma_id, oldest.at,
                    touched[cardinality(touched)], me_xact)
            on conflict (db_user, actor) where reset_at is null do nothing
            returning id)
        insert into public.loop_breaker_event (action, trip_id, actor, db_user, max_proformas, time_window)
        select 'TRIP', trip.id, me, me_db, cfg.max_proformas, cfg.time_window from trip;
    end if;
    return null;
end
$$;
revoke execute on function public.countersign_breaker_count() from public;

-- A manager's reset: with a reason, vouched for by the portal (countersign.actor names an enabled
-- MANAGER), never by the actor who tripped it. Clears that actor's window.
create function public.countersign_breaker_reset(trip bigint, why text) returns boolean language plpgsql
    security definer set search_path = pg_catalog, pg_temp as $$
declare
    manager varchar := nullif(current_setting('countersign.actor', true), '');
    t record;
begin
    if why is null or btrim(why) = '' then
        raise exception 'Countersign breaker: say why the breaker is reset' using errcode = 'P0001';
    end if;
    if manager is null or not exists (select from public.app_user u join public.app_user_role r on r.user_id = u.id
                                        where u.username = manager and u.enabled and r.role = 'MANAGER') then
        raise exception 'Countersign breaker: only a manager signed in to the portal resets the breaker'
            using errcode = 'P0001';
    end if;
    select db_user, actor into t from public.loop_breaker_trip where id = trip and reset_at is null for update;
    if not found then
        return false;
    end if;
    if t.actor = manager then
        raise exception 'Countersign breaker: % tripped this breaker and cannot reset it; another manager does',
            manager using errcode = 'P0001';
    end if;
    update public.loop_breaker_trip set reset_at = now(), reset_by = manager, reset_reason = btrim(why) where id = trip;
    delete from public.loop_breaker_touch where db_user = t.db_user and actor = t.actor;
    insert into public.loop_breaker_event (action, trip_id, actor, db_user, reason)
    values ('RESET', trip, manager, session_user, btrim(why));
    return true;
end
$$;
revoke execute on function public.countersign_breaker_reset(bigint, text) from public;

-- The owner's only: the limit and the window, audited. The application role cannot lift them.
create function public.countersign_breaker_configure(max_proformas integer, time_window interval, why text)
    returns void language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
begin
    if why is null or btrim(why) = '' then
        raise exception 'Countersign breaker: say why the limit changes' using errcode = 'P0001';
    end if;
    update public.loop_breaker_setting
       set max_proformas = countersign_breaker_configure.max_proformas,
           time_window = countersign_breaker_configure.time_window, changed_at = now(),
           changed_by = left(public.countersign_actor(), 100)
     where id = 1;
    insert into public.loop_breaker_event (action, actor, db_user, reason, max_proformas, time_window)
    values ('CONFIGURE', left(public.countersign_actor(), 100), session_user, btrim(why),
            countersign_breaker_configure.max_proformas, countersign_breaker_configure.time_window);
end
$$;
revoke execute on function public.countersign_breaker_configure(integer, interval, text) from public;

create trigger b_proforma_breaker_update after update on public.proforma
    referencing old table as old_rows for each statement execute function public.countersign_breaker_count();
create trigger b_proforma_breaker_delete after delete on public.proforma
    referencing old table as old_rows for each statement execute function public.countersign_breaker_count();
create trigger b_proforma_line_breaker_insert after insert on public.proforma_line
    referencing new table as new_rows for each statement execute function public.countersign_breaker_count();
create trigger b_proforma_line_breaker_update after update on public.proforma_line
    referencing old table as old_rows for each statement execute function public.countersign_breaker_count();
create trigger b_proforma_line_breaker_delete after delete on public.proforma_line
    referencing old table as old_rows for each statement execute function public.countersign_breaker_count();
alter table public.proforma enable always trigger b_proforma_breaker_update;
alter table public.proforma enable always trigger b_proforma_breaker_delete;
alter table public.proforma_line enable always trigger b_proforma_line_breaker_insert;
alter table public.proforma_line enable always trigger b_proforma_line_breaker_update;
alter table public.proforma_line enable always trigger b_proforma_line_breaker_delete;
