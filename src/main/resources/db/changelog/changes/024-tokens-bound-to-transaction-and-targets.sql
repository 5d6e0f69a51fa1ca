--liquibase formatted sql

-- Issue 13, item 3: a change-set token is honoured only in the transaction that claimed it, and only
-- for the proformas pinned as its targets; change sets, decisions and events move only through the
-- owner's functions below, which keep the state machine
--   DRAFT -> PENDING_REVIEW -> APPROVED -> APPLYING -> APPLIED
--   PENDING_REVIEW -> REJECTED | EXPIRED,  APPROVED | APPLYING -> FAILED,  DRAFT -> (discarded)
-- and append a change_set_event for every move. The application role keeps SELECT on these tables
-- and loses INSERT/UPDATE/DELETE on change_set and INSERT on decisions and events (db/roles/app-role.sql).
-- What the database cannot know: the actor names the application passes (requester, decider). It
-- holds the rules between them (nobody decides their own request, the second approval comes from
-- another person), and every move is on the timeline; that the names are the signed-in people rests
-- on the portal.

--changeset countersign:024-change-set-claim
-- The transaction that claimed an APPLYING change set (txid_current()). A dry_run change set is a
-- deployment's dry run: APPLYING, claimed by its own transaction, which never commits (trigger below).
alter table public.change_set add column claimed_txid bigint;
alter table public.change_set add column dry_run boolean not null default false;
--rollback alter table public.change_set drop column dry_run;
--rollback alter table public.change_set drop column claimed_txid;

--changeset countersign:024-change-set-functions splitStatements:false
-- The row to move, locked until the caller's transaction ends; a clear error when there is none.
create function public.countersign_change_set_locked(cs_id bigint) returns public.change_set language plpgsql
    security definer set search_path = pg_catalog, pg_temp as $$
declare
    cs public.change_set;
begin
    select * into cs from public.change_set where id = cs_id for update;
    if not found then
        raise exception 'Countersign: change set % does not exist', cs_id using errcode = 'P0001';
    end if;
    return cs;
end
$$;

create function public.countersign_change_set_event(cs_id bigint, event_actor text, event_what text) returns void
    language sql security definer set search_path = pg_catalog, pg_temp as $$
    insert into public.change_set_event (change_set_id, actor, what)
    values (cs_id, left(coalesce(nullif(event_actor, ''), 'system'), 60), left(event_what, 2000))
$$;

-- A timeline entry that moves nothing (claimed, given back, escalated, waiting for the unlock);
-- with unless_last, not when it already is the latest one (a job that looks again).
create function public.countersign_change_set_note(cs_id bigint, event_actor text, event_what text,
        unless_last boolean) returns boolean language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
begin
    if not exists (select from public.change_set where id = cs_id) then
        raise exception 'Countersign: change set % does not exist', cs_id using errcode = 'P0001';
    end if;
    if unless_last and (select e.what from public.change_set_event e where e.change_set_id = cs_id
                         order by e.id desc limit 1) is not distinct from left(event_what, 2000) then
        return false;
    end if;
    perform public.countersign_change_set_event(cs_id, event_actor, event_what);
    return true;
end
$$;

-- A new DRAFT of the requester's: its targets, preview and staging are written next, while it is
-- a draft (the freeze triggers below refuse them afterwards).
create function public.countersign_change_set_draft(cs_kind text, requester text, cs_operation text,
        cs_parameters jsonb, cs_selection text) returns bigint language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
declare
    created bigint;
begin
    if cs_kind not in ('SINGLE_EDIT', 'BULK_EDIT', 'RESTORE') then
        raise exception 'Countersign: a % change set is not drafted this way', cs_kind using errcode = 'P0001';
    end if;
    if nullif(trim(requester), '') is null then
        raise exception 'Countersign: a change set needs a named requester' using errcode = 'P0001';
    end if;
    insert into public.change_set (kind, status, reason, requested_by, operation, parameters, selection)
    values (cs_kind, 'DRAFT', 'not submitted yet', requester, cs_operation, cs_parameters, cs_selection)
    returning id into created;
    return created;
end
$$;

create function public.countersign_change_set_assess(cs_id bigint, proformas integer, lines integer, tier text,
        reasons text[]) returns void language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
declare
    cs public.change_set := public.countersign_change_set_locked(cs_id);
begin
    if cs.status <> 'DRAFT' then
        raise exception 'Countersign: change set % is %; its count and risk are fixed once submitted', cs_id, cs.status
            using errcode = 'P0001';
    end if;
    update public.change_set set expected_count = proformas, line_count = lines, risk_tier = tier,
           risk_reasons = coalesce(reasons, '{}') where id = cs_id;
end
$$;

-- DRAFT -> PENDING_REVIEW, by its requester, with exactly as many pinned targets as the count it
-- asks approval for.
create function public.countersign_change_set_submit(cs_id bigint, submitter text, cs_reason text,
        process_instance text, event_what text) returns void language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
declare
    cs public.change_set := public.countersign_change_set_locked(cs_id);
    targets bigint;
begin
    if cs.status <> 'DRAFT' then
        raise exception 'Countersign: change set % is %, no longer a draft', cs_id, cs.status using errcode = 'P0001';
    end if;
    if submitter is distinct from cs.requested_by then
        raise exception 'Countersign: change set % is %''s draft; only they submit it', cs_id, cs.requested_by
            using errcode = 'P0001';
    end if;
    select count(*) into targets from public.change_set_target where change_set_id = cs_id;
    if cs.expected_count is null or cs.expected_count <> targets or targets = 0 then
        raise exception 'Countersign: change set % asks approval for % proformas but pins % targets; not submitted',
            cs_id, cs.expected_count, targets using errcode = 'P0001';
    end if;
    update public.change_set set status = 'PENDING_REVIEW', reason = cs_reason, submitted_at = now(),
           process_instance_id = process_instance
     where id = cs_id;
    perform public.countersign_change_set_event(cs_id, submitter, event_what);
end
$$;

-- A deployment goes for review straight from its dry run: the proformas the dry run changed that
-- exist now are its targets (the ones the script creates are new rows and need no pinning).
create function public.countersign_deployment_change_set(requester text, cs_reason text, expected integer,
        tier text, reasons text[], dry_run_targets bigint[], event_what text) returns bigint language plpgsql
    security definer set search_path = pg_catalog, pg_temp as $$
declare
    created bigint;
    pinned integer;
begin
    if nullif(trim(requester), '') is null then
        raise exception 'Countersign: a deployment needs a named requester' using errcode = 'P0001';
    end if;
    insert into public.change_set (kind, status, reason, requested_by, expected_count, risk_tier, risk_reasons)
    values ('DEPLOYMENT', 'DRAFT', cs_reason, requester, expected, tier, coalesce(reasons, '{}'))
    returning id into created;
    insert into public.change_set_target (change_set_id, proforma_id, previewed_version)
    select created, p.id, p.version from public.proforma p where p.id = any (dry_run_targets);
    get diagnostics pinned = row_count;
    if expected is null or pinned > expected then
        raise exception 'Countersign: the dry run changed % existing proformas, more than the % it reports', pinned, expected
            using errcode = 'P0001';
    end if;
    update public.change_set set status = 'PENDING_REVIEW', submitted_at = now() where id = created;
    perform public.countersign_change_set_event(created, requester, event_what);
    return created;
end
$$;

-- The process instance that decides a change set, recorded once.
create function public.countersign_change_set_process(cs_id bigint, process_instance text) returns void
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
declare
    cs public.change_set := public.countersign_change_set_locked(cs_id);
begin
    if cs.process_instance_id is not null and cs.process_instance_id <> process_instance then
        raise exception 'Countersign: change set % is decided by process % already', cs_id, cs.process_instance_id
            using errcode = 'P0001';
    end if;
    update public.change_set set process_instance_id = process_instance where id = cs_id;
end
$$;

-- A decision on a change set waiting for review. Never by its requester; a REVIEW once; a
-- SECOND_APPROVAL only for the high tier, after a review approval, by someone else. The status
-- moves here (REJECTED, APPROVED, or stays waiting for the second approval), and is returned.
create function public.countersign_change_set_decide(cs_id bigint, decision_step text, decider text,
        approve boolean, decision_comment text, event_what text) returns text language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
declare
    cs public.change_set := public.countersign_change_set_locked(cs_id);
    next_status text;
begin
    if cs.status <> 'PENDING_REVIEW' then
        raise exception 'Countersign: change set % is %, not waiting for review; no decision recorded', cs_id, cs.status
            using errcode = 'P0001';
    end if;
    if nullif(trim(decider), '') is null then
        raise exception 'Countersign: a decision on change set % needs a named person', cs_id using errcode = 'P0001';
    end if;
    if decider = cs.requested_by then
        raise exception 'Countersign: % requested change set % and cannot decide on it; someone else must', decider, cs_id
            using errcode = 'P0001';
    end if;
    if decision_step = 'REVIEW' then
        if exists (select from public.change_set_decision where change_set_id = cs_id and step = 'REVIEW') then
            raise exception 'Countersign: change set % has been reviewed already', cs_id using errcode = 'P0001';
        end if;
        next_status := case when not approve then 'REJECTED' when cs.risk_tier = 'HIGH' then 'PENDING_REVIEW'
                            else 'APPROVED' end;
    elsif decision_step = 'SECOND_APPROVAL' then
        if cs.risk_tier is distinct from 'HIGH' then
            raise exception 'Countersign: change set % is not high tier; it has no second approval', cs_id
                using errcode = 'P0001';
        end if;
        if not exists (select from public.change_set_decision
                        where change_set_id = cs_id and step = 'REVIEW' and outcome = 'APPROVE') then
            raise exception 'Countersign: change set % has no review approval yet', cs_id using errcode = 'P0001';
        end if;
        if exists (select from public.change_set_decision
                    where change_set_id = cs_id and step = 'REVIEW' and decided_by = decider) then
            raise exception 'Countersign: % already approved change set %; the second approval must come from another manager',
                decider, cs_id using errcode = 'P0001';
        end if;
        if exists (select from public.change_set_decision where change_set_id = cs_id and step = 'SECOND_APPROVAL') then
            raise exception 'Countersign: change set % has its second approval already', cs_id using errcode = 'P0001';
        end if;
        next_status := case when approve then 'APPROVED' else 'REJECTED' end;
    else
        raise exception 'Countersign: unknown review step %', decision_step using errcode = 'P0001';
    end if;
    insert into public.change_set_decision (change_set_id, step, decided_by, outcome, comment)
    values (cs_id, decision_step, decider, case when approve then 'APPROVE' else 'REJECT' end, decision_comment);
    if next_status <> 'PENDING_REVIEW' then
        update public.change_set set status = next_status, decided_at = now(), decided_by = decider where id = cs_id;
    end if;
    perform public.countersign_change_set_event(cs_id, decider, event_what);
    return next_status;
end
$$;

-- APPROVED -> APPLYING, claimed by this transaction: the only transaction whose writes its token
-- covers. False when there is nothing to apply (applied, failed, never approved); a change set
-- being applied already is never claimed twice.
create function public.countersign_change_set_claim(cs_id bigint) returns boolean language plpgsql
    security definer set search_path = pg_catalog, pg_temp as $$
declare
    cs public.change_set := public.countersign_change_set_locked(cs_id);
begin
    if cs.status = 'APPLYING' then
        raise exception 'Countersign guard: change set % is already claimed by transaction %; it is applied once, by that transaction only',
            cs_id, cs.claimed_txid using errcode = 'P0001';
    end if;
    if cs.status <> 'APPROVED' then
        return false;
    end if;
    update public.change_set set status = 'APPLYING', claimed_txid = txid_current() where id = cs_id;
    perform public.countersign_change_set_event(cs_id, 'system', 'Being applied');
    return true;
end
$$;

-- APPLYING -> APPLIED, by the transaction that claimed it.
create function public.countersign_change_set_applied(cs_id bigint, event_what text) returns void language plpgsql
    security definer set search_path = pg_catalog, pg_temp as $$
declare
    cs public.change_set := public.countersign_change_set_locked(cs_id);
begin
    if cs.status <> 'APPLYING' or cs.claimed_txid is distinct from txid_current() then
        raise exception 'Countersign: change set % is not being applied by this transaction', cs_id
            using errcode = 'P0001';
    end if;
    update public.change_set set status = 'APPLIED', applied_at = now() where id = cs_id;
    perform public.countersign_change_set_event(cs_id, 'system', event_what);
end
$$;

-- APPROVED or APPLYING (a claim whose transaction is gone) -> FAILED; false if it was neither.
create function public.countersign_change_set_fail(cs_id bigint, failure text, event_what text) returns boolean
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
declare
    cs public.change_set := public.countersign_change_set_locked(cs_id);
begin
    if cs.status not in ('APPROVED', 'APPLYING') then
        return false;
    end if;
    update public.change_set set status = 'FAILED', failure_reason = left(failure, 2000) where id = cs_id;
    perform public.countersign_change_set_event(cs_id, 'system', event_what);
    return true;
end
$$;

-- PENDING_REVIEW -> EXPIRED; false if it was decided meanwhile.
create function public.countersign_change_set_expire(cs_id bigint, event_what text) returns boolean language plpgsql
    security definer set search_path = pg_catalog, pg_temp as $$
declare
    cs public.change_set := public.countersign_change_set_locked(cs_id);
begin
    if cs.status <> 'PENDING_REVIEW' then
        return false;
    end if;
    update public.change_set set status = 'EXPIRED' where id = cs_id;
    perform public.countersign_change_set_event(cs_id, 'system', event_what);
    return true;
end
$$;

-- A draft is discarded by its requester, with its targets, preview and staging.
create function public.countersign_change_set_discard(cs_id bigint, requester text) returns boolean
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
begin
    delete from public.change_set where id = cs_id and status = 'DRAFT' and requested_by = requester;
    return found;
end
$$;

-- The token of a deployment's dry run: claimed by this transaction, unlimited count, any proforma
-- the script touches; the transaction can never commit (change_set_dry_run_rolls_back).
create function public.countersign_dry_run_claim(requester text, cs_reason text) returns bigint language plpgsql
    security definer set search_path = pg_catalog, pg_temp as $$
declare
    created bigint;
begin
    insert into public.change_set (kind, status, reason, requested_by, expected_count, claimed_txid, dry_run)
    values ('DEPLOYMENT', 'APPLYING', cs_reason, requester, 2147483647, txid_current(), true)
    returning id into created;
    return created;
end
$$;

create function public.countersign_dry_run_rolls_back() returns trigger language plpgsql
    set search_path = pg_catalog, pg_temp as $$
begin
    raise exception 'Countersign guard: change set % is a dry run; its transaction is always rolled back, nothing was changed',
        new.id using errcode = 'P0001';
end
$$;

create constraint trigger change_set_dry_run_rolls_back after insert or update on public.change_set
    deferrable initially deferred for each row when (new.dry_run)
    execute function public.countersign_dry_run_rolls_back();
alter table public.change_set enable always trigger change_set_dry_run_rolls_back;

revoke execute on function public.countersign_change_set_locked(bigint) from public;
revoke execute on function public.countersign_change_set_event(bigint, text, text) from public;
revoke execute on function public.countersign_change_set_note(bigint, text, text, boolean) from public;
revoke execute on function public.countersign_change_set_draft(text, text, text, jsonb, text) from public;
revoke execute on function public.countersign_change_set_assess(bigint, integer, integer, text, text[]) from public;
revoke execute on function public.countersign_change_set_submit(bigint, text, text, text, text) from public;
revoke execute on function public.countersign_deployment_change_set(text, text, integer, text, text[], bigint[], text)
    from public;
revoke execute on function public.countersign_change_set_process(bigint, text) from public;
revoke execute on function public.countersign_change_set_decide(bigint, text, text, boolean, text, text) from public;
revoke execute on function public.countersign_change_set_claim(bigint) from public;
revoke execute on function public.countersign_change_set_applied(bigint, text) from public;
revoke execute on function public.countersign_change_set_fail(bigint, text, text) from public;
revoke execute on function public.countersign_change_set_expire(bigint, text) from public;
revoke execute on function public.countersign_change_set_discard(bigint, text) from public;
revoke execute on function public.countersign_dry_run_claim(text, text) from public;

--changeset countersign:024-grant-to-application-roles splitStatements:false
-- EXECUTE on the functions the application calls, for the application roles that exist now (a
-- database whose app-role.sql ran before this changeset): every login role but the owner that may
-- update proformas. A role granted later gets them from app-role.sql (EXECUTE on all functions).
do $$
declare
    r record;
    f text;
begin
    for r in select rolname from pg_roles
              where rolcanlogin and not rolsuper and rolname <> current_user and rolname not like 'pg\_%'
                and has_table_privilege(oid, 'public.proforma', 'UPDATE') loop
        foreach f in array array[
                'countersign_change_set_note(bigint, text, text, boolean)',
                'countersign_change_set_draft(text, text, text, jsonb, text)',
                'countersign_change_set_assess(bigint, integer, integer, text, text[])',
                'countersign_change_set_submit(bigint, text, text, text, text)',
                'countersign_deployment_change_set(text, text, integer, text, text[], bigint[], text)',
                'countersign_change_set_process(bigint, text)',
                'countersign_change_set_decide(bigint, text, text, boolean, text, text)',
                'countersign_change_set_claim(bigint)',
                'countersign_change_set_applied(bigint, text)',
                'countersign_change_set_fail(bigint, text, text)',
                'countersign_change_set_expire(bigint, text)',
                'countersign_change_set_discard(bigint, text)',
                'countersign_dry_run_claim(text, text)'] loop
            execute format('grant execute on function public.%s to %I', f, r.rolname);
        end loop;
    end loop;
end
$$;

--changeset countersign:024-frozen-once-submitted splitStatements:false
-- Targets, preview and restore staging are written while their change set is a DRAFT, and never
-- after: a statement that adds or changes rows of any other change set (or of none) is refused;
-- rows go away with their change set only while it is a draft (or once it is gone).
create function public.countersign_change_set_rows_frozen() returns trigger language plpgsql
    set search_path = pg_catalog, pg_temp as $$
declare
    bad record;
begin
    if tg_op = 'DELETE' then
        select o.change_set_id as id, c.status into bad
          from (select distinct change_set_id from old_rows) o join public.change_set c on c.id = o.change_set_id
         where c.status <> 'DRAFT' limit 1;
    else
        select n.change_set_id as id, coalesce(c.status, 'missing') as status into bad
          from (select distinct change_set_id from new_rows) n left join public.change_set c on c.id = n.change_set_id
         where c.status is distinct from 'DRAFT' limit 1;
        if not found and tg_op = 'UPDATE' then
            select o.change_set_id as id, c.status into bad
              from (select distinct change_set_id from old_rows) o join public.change_set c on c.id = o.change_set_id
             where c.status <> 'DRAFT' limit 1;
        end if;
    end if;
    if bad.id is not null then
        raise exception 'Countersign: change set % is %; its targets and preview are frozen once submitted (% on % refused)',
            bad.id, bad.status, tg_op, tg_table_name using errcode = 'P0001';
    end if;
    return null;
end
$$;

create trigger change_set_target_frozen_insert after insert on public.change_set_target
    referencing new table as new_rows for each statement execute function public.countersign_change_set_rows_frozen();
create trigger change_set_target_frozen_update after update on public.change_set_target
    referencing old table as old_rows new table as new_rows
    for each statement execute function public.countersign_change_set_rows_frozen();
create trigger change_set_target_frozen_delete after delete on public.change_set_target
    referencing old table as old_rows for each statement execute function public.countersign_change_set_rows_frozen();
create trigger change_set_preview_frozen_insert after insert on public.change_set_preview
    referencing new table as new_rows for each statement execute function public.countersign_change_set_rows_frozen();
create trigger change_set_preview_frozen_update after update on public.change_set_preview
    referencing old table as old_rows new table as new_rows
    for each statement execute function public.countersign_change_set_rows_frozen();
create trigger change_set_preview_frozen_delete after delete on public.change_set_preview
    referencing old table as old_rows for each statement execute function public.countersign_change_set_rows_frozen();
create trigger change_set_restore_frozen_insert after insert on public.change_set_restore
    referencing new table as new_rows for each statement execute function public.countersign_change_set_rows_frozen();
create trigger change_set_restore_frozen_update after update on public.change_set_restore
    referencing old table as old_rows new table as new_rows
    for each statement execute function public.countersign_change_set_rows_frozen();
create trigger change_set_restore_frozen_delete after delete on public.change_set_restore
    referencing old table as old_rows for each statement execute function public.countersign_change_set_rows_frozen();
create trigger change_set_restore_line_frozen_insert after insert on public.change_set_restore_line
    referencing new table as new_rows for each statement execute function public.countersign_change_set_rows_frozen();
create trigger change_set_restore_line_frozen_update after update on public.change_set_restore_line
    referencing old table as old_rows new table as new_rows
    for each statement execute function public.countersign_change_set_rows_frozen();
create trigger change_set_restore_line_frozen_delete after delete on public.change_set_restore_line
    referencing old table as old_rows for each statement execute function public.countersign_change_set_rows_frozen();
create trigger recovery_item_frozen_insert after insert on public.recovery_item
    referencing new table as new_rows for each statement execute function public.countersign_change_set_rows_frozen();
create trigger recovery_item_frozen_update after update on public.recovery_item
    referencing old table as old_rows new table as new_rows
    for each statement execute function public.countersign_change_set_rows_frozen();
create trigger recovery_item_frozen_delete after delete on public.recovery_item
    referencing old table as old_rows for each statement execute function public.countersign_change_set_rows_frozen();

-- A deployment's script and dry-run report are what was approved; only its run log is written later.
create function public.countersign_deployment_frozen() returns trigger language plpgsql
    set search_path = pg_catalog, pg_temp as $$
begin
    if (new.id, new.change_set_id, new.title, new.release_ref, new.description, new.script, new.submitted_by,
        new.submitted_at, new.flagged, new.dry_run)
       is distinct from (old.id, old.change_set_id, old.title, old.release_ref, old.description, old.script,
        old.submitted_by, old.submitted_at, old.flagged, old.dry_run) then
        raise exception 'Countersign: deployment % is submitted; its script and dry run cannot change', old.id
            using errcode = 'P0001';
    end if;
    return new;
end
$$;

create trigger deployment_frozen before update on public.deployment
    for each row execute function public.countersign_deployment_frozen();

alter table public.change_set_target enable always trigger change_set_target_frozen_insert;
alter table public.change_set_target enable always trigger change_set_target_frozen_update;
alter table public.change_set_target enable always trigger change_set_target_frozen_delete;
alter table public.change_set_preview enable always trigger change_set_preview_frozen_insert;
alter table public.change_set_preview enable always trigger change_set_preview_frozen_update;
alter table public.change_set_preview enable always trigger change_set_preview_frozen_delete;
alter table public.change_set_restore enable always trigger change_set_restore_frozen_insert;
alter table public.change_set_restore enable always trigger change_set_restore_frozen_update;
alter table public.change_set_restore enable always trigger change_set_restore_frozen_delete;
alter table public.change_set_restore_line enable always trigger change_set_restore_line_frozen_insert;
alter table public.change_set_restore_line enable always trigger change_set_restore_line_frozen_update;
alter table public.change_set_restore_line enable always trigger change_set_restore_line_frozen_delete;
alter table public.recovery_item enable always trigger recovery_item_frozen_insert;
alter table public.recovery_item enable always trigger recovery_item_frozen_update;
alter table public.recovery_item enable always trigger recovery_item_frozen_delete;
alter table public.deployment enable always trigger deployment_frozen;

--changeset countersign:024-guard-honours-claims splitStatements:false
-- The token is honoured only while its change set is APPLYING (a dry run too) in the transaction
-- that claimed it: the id of another session's change set, approved or being applied, buys nothing.
create or replace function public.countersign_approved_count(token bigint) returns integer language plpgsql
    security definer set search_path = pg_catalog, pg_temp as $$
declare
    cs record;
begin
    select status, expected_count, claimed_txid into cs from public.change_set where id = token;
    if not found then
        raise exception 'Countersign guard: change set % does not exist; nothing was changed', token
            using errcode = 'P0001';
    end if;
    if cs.status = 'APPROVED' then
        raise exception 'Countersign guard: change set % is approved but not claimed by this transaction; its token is honoured only in the transaction that claims it (countersign_change_set_claim); nothing was changed',
            token using errcode = 'P0001';
    end if;
    if cs.status <> 'APPLYING' then
        raise exception 'Countersign guard: change set % is %, not approved; nothing was changed', token, cs.status
            using errcode = 'P0001';
    end if;
    if cs.claimed_txid is distinct from txid_current() then
        raise exception 'Countersign guard: change set % is being applied by another transaction; its token is honoured only there; nothing was changed',
            token using errcode = 'P0001';
    end if;
    if cs.expected_count is null then
        raise exception 'Countersign guard: change set % has no approved row count; nothing was changed', token
            using errcode = 'P0001';
    end if;
    insert into public.guard_commit_check (txid, change_set_id) values (txid_current(), token) on conflict do nothing;
    return cs.expected_count;
end
$$;

-- Under a token, every proforma a statement touches must be one of the change set's pinned targets,
-- or one this transaction created (a re-created or newly inserted proforma is no overwrite). A dry
-- run may touch what its script touches: it is rolled back, and what it touched becomes the targets.
create function public.countersign_target_check(token bigint, touched bigint[], tbl text, op text) returns void
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
declare
    strays bigint[];
begin
    if token is null or coalesce(cardinality(touched), 0) = 0
       or (select dry_run from public.change_set where id = token) then
        return;
    end if;
    -- set-based (one hashed EXCEPT, not a probe per row): a 100,000-proforma apply pays one pass
    select array_agg(s.id order by s.id) into strays from (
        select o.id from (select t.id from unnest(touched) as t(id)
                          except
                          select ct.proforma_id from public.change_set_target ct where ct.change_set_id = token) o
         where not exists (select from public.proforma_version v
                            where v.proforma_id = o.id and v.operation = 'I' and v.txid = txid_current())
         order by o.id limit 5) s;
    if strays is not null then
        raise exception 'Countersign guard: % on % touches proforma(s) % that are not targets of change set %; a change set writes only the proformas pinned when it was previewed; nothing was changed',
            op, tbl, array_to_string(strays, ', '), token using errcode = 'P0001';
    end if;
end
$$;
revoke execute on function public.countersign_target_check(bigint, bigint[], text, text) from public;

create or replace function public.proforma_guard() returns trigger language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
declare
    token bigint := public.countersign_change_set();
    touched bigint[];
begin
    if tg_op = 'INSERT' then
        -- new proformas are free, except under a change set, where they count like any other
        if token is null then
            return null;
        end if;
        select array_agg(id) into touched from new_rows;
    else
        select array_agg(id) into touched from old_rows;
    end if;
    perform public.countersign_touch(coalesce(touched, '{}'::bigint[]));
    perform public.countersign_guard_check(coalesce(cardinality(touched), 0)::bigint, tg_table_name::text, tg_op::text);
    if tg_op <> 'INSERT' then
        perform public.countersign_target_check(token, touched, tg_table_name::text, tg_op::text);
    end if;
    return null;
end
$$;

create or replace function public.proforma_line_guard() returns trigger language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
declare
    token bigint := public.countersign_change_set();
    touched bigint[];
begin
    if tg_op = 'INSERT' then
        if token is null then
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
    perform public.countersign_target_check(token, touched, tg_table_name::text, tg_op::text);
    return null;
end
$$;
