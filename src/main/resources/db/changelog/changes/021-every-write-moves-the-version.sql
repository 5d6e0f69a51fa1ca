--liquibase formatted sql

--changeset countersign:021-every-write-moves-the-version splitStatements:false
--comment: Any write to a proforma or its lines, by any path (the portal, a deployment, a restore, raw SQL), moves
--comment: the proforma's version and "last changed by/at", so an editor opened before it gets a conflict on save
--comment: instead of saving over it. A writer that moves the version itself (the portal) is left alone.

-- A header update that did not move the version. The trigger's WHEN clause is evaluated without calling the
-- function, so the portal's own writes (which move the version) pay nothing per row.
create function public.countersign_version_moves() returns trigger
    language plpgsql
    set search_path = pg_catalog, public, pg_temp
as $$
begin
    new.version := old.version + 1;
    new.updated_at := now();
    new.updated_by := left(coalesce(nullif(current_setting('countersign.actor', true), ''), session_user::text), 60);
    return new;
end;
$$;

-- (public before pg_temp: the trigger functions it fires find their tables and no TEMP table can stand in.)
-- Lines written: their proformas move on, once per transaction (a proforma whose row this transaction has
-- written already, e.g. the portal's save or an apply that moved its headers first, is left alone).
create function public.countersign_lines_move_version() returns trigger
    language plpgsql
    security definer
    set search_path = pg_catalog, public, pg_temp
as $$
begin
    update public.proforma p
       set version = p.version + 1, updated_at = now(),
           updated_by = left(coalesce(nullif(current_setting('countersign.actor', true), ''), session_user::text), 60)
     where p.id in (select proforma_id from changed_lines)
       and p.xmin::text <> (pg_current_xact_id()::text::bigint % 4294967296)::text;
    return null;
end;
$$;

create trigger proforma_version_moves before update on public.proforma
    for each row when (new.version = old.version) execute function public.countersign_version_moves();
create trigger proforma_line_insert_moves_version after insert on public.proforma_line
    referencing new table as changed_lines for each statement execute function public.countersign_lines_move_version();
create trigger proforma_line_update_moves_version after update on public.proforma_line
    referencing new table as changed_lines for each statement execute function public.countersign_lines_move_version();
create trigger proforma_line_delete_moves_version after delete on public.proforma_line
    referencing old table as changed_lines for each statement execute function public.countersign_lines_move_version();
alter table public.proforma enable always trigger proforma_version_moves;
alter table public.proforma_line enable always trigger proforma_line_insert_moves_version;
alter table public.proforma_line enable always trigger proforma_line_update_moves_version;
alter table public.proforma_line enable always trigger proforma_line_delete_moves_version;
