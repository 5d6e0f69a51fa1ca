--liquibase formatted sql

--changeset countersign:022-only-real-changes-move-the-version splitStatements:false
--comment: 021 moved the version for an UPDATE that changed nothing (set notes = notes) too. Only a row that really
--comment: changed moves it now. And the functions of 021 pin search_path = pg_catalog, pg_temp like every other
--comment: guard and history function (017 gave the functions they fire a search_path of their own).
alter function public.countersign_version_moves() set search_path = pg_catalog, pg_temp;
alter function public.countersign_lines_move_version() set search_path = pg_catalog, pg_temp;

drop trigger proforma_version_moves on public.proforma;
create trigger proforma_version_moves before update on public.proforma
    for each row when (new.version = old.version and old.* is distinct from new.*)
    execute function public.countersign_version_moves();
alter table public.proforma enable always trigger proforma_version_moves;

-- Updated lines: only those whose values changed move their proforma.
create function public.countersign_changed_lines_move_version() returns trigger
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as $$
begin
    update public.proforma p
       set version = p.version + 1, updated_at = now(),
           updated_by = left(coalesce(nullif(current_setting('countersign.actor', true), ''), session_user::text), 60)
     where p.id in (select n.proforma_id from new_lines n join old_lines o
                       on o.proforma_id = n.proforma_id and o.position = n.position
                     where o.* is distinct from n.*)
       and p.xmin::text <> (pg_current_xact_id()::text::bigint % 4294967296)::text;
    return null;
end;
$$;

drop trigger proforma_line_update_moves_version on public.proforma_line;
create trigger proforma_line_update_moves_version after update on public.proforma_line
    referencing old table as old_lines new table as new_lines
    for each statement execute function public.countersign_changed_lines_move_version();
alter table public.proforma_line enable always trigger proforma_line_update_moves_version;
