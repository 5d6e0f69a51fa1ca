--liquibase formatted sql

-- Writes that bypassed the history triggers are found (issue 13, item 8). The history triggers fire
-- always, but the owner or a superuser can still disable them, or write in a way no trigger sees.
-- The integrity check compares every live proforma and line with its latest history image: a row
-- that differs, exists without history, or is gone without a recorded delete was "changed without a
-- trace". The check runs in the database as the owner, set-based, in one snapshot (live rows and
-- history committed together are always seen together), and records what it found where only it
-- writes; the application role reads the findings and may ask for a check.

--changeset countersign:026-integrity-tables
create table public.integrity_check (
    id                bigint generated always as identity primary key,
    started_at        timestamptz  not null default clock_timestamp(),
    finished_at       timestamptz,
    cause             varchar(10)  not null check (cause in ('START', 'SCHEDULE', 'ON_DEMAND')),
    started_by        varchar(100) not null,
    db_user           varchar(100) not null default session_user,
    proformas_checked bigint,
    findings          integer
);

-- One row per proforma that differs from its history: CHANGED (live row or lines differ from the
-- latest recorded image), CREATED (live without history, or after a recorded delete), DELETED
-- (recorded as present, gone without a recorded delete).
create table public.integrity_finding (
    check_id       bigint       not null references public.integrity_check (id) on delete cascade,
    proforma_id    bigint       not null,
    number         varchar(20),
    kind           varchar(7)   not null check (kind in ('CHANGED', 'CREATED', 'DELETED')),
    header_differs boolean      not null,
    lines_differ   boolean      not null,
    primary key (check_id, proforma_id)
);
--rollback drop table public.integrity_finding; drop table public.integrity_check;

--changeset countersign:026-integrity-line-index
-- The latest version of every line in the order of proforma_line's key, read straight from this
-- index: the check merges it with the live lines without sorting or hashing three million rows
-- (5 s instead of 11 s for 3M lines on the 2-core benchmark machine under load). One more index
-- entry per line version written.
create index proforma_line_version_latest_idx on public.proforma_line_version (proforma_id, position, version_id desc);
--rollback drop index public.proforma_line_version_latest_idx;

--changeset countersign:026-integrity-function splitStatements:false
-- The latest image of every proforma and every line, compared with the live rows in one statement
-- each way (full joins: a row on either side alone is a finding too). No lock is taken: two nodes
-- checking at once only do the work twice, while a lock would let any session that holds it (the
-- application role can take any advisory lock) stop every check. The newest 100 checks are kept. Merge joins, not hash joins: both sides come sorted from their indexes, and hashing
-- millions of rows costs twice as much. The latest images are not MATERIALIZED: a materialized CTE
-- would lose the index order and be sorted again on disk (5 of 10 s at 300,000 proformas).
create function public.countersign_integrity_check(check_cause text, check_by text) returns bigint
    language plpgsql security definer set search_path = pg_catalog, pg_temp set enable_hashjoin = off
    set work_mem = '64MB' as $$
declare
    check_id bigint;
    checked bigint;
    found integer;
begin
    insert into public.integrity_check (cause, started_by) values (check_cause, left(check_by, 100))
    returning id into check_id;

    with recorded as (
             select distinct on (v.proforma_id) v.*
               from public.proforma_version v
              order by v.proforma_id, v.version_id desc),
         headers as (
             select coalesce(p.id, r.proforma_id) as proforma_id, coalesce(p.number, r.number) as number,
                    case when p.id is null then 'DELETED'
                         when r.proforma_id is null or r.operation = 'D' then 'CREATED'
                         else 'CHANGED' end as kind,
                    p.id is not null and r.proforma_id is not null and r.operation <> 'D' as compared
               from public.proforma p
               full join recorded r on r.proforma_id = p.id
              where (p.id is null and r.operation <> 'D')
                 or (p.id is not null and (r.proforma_id is null or r.operation = 'D'))
                 or (p.id is not null and r.operation <> 'D'
                     and (p.number, p.customer_name, p.customer_address, p.customer_vat_id, p.issue_date,
                          p.valid_until, p.currency, p.status, p.notes, p.source, p.version, p.created_at,
                          p.created_by, p.updated_at, p.updated_by)
                         is distinct from
                         (r.number, r.customer_name, r.customer_address, r.customer_vat_id, r.issue_date,
                          r.valid_until, r.currency, r.status, r.notes, r.source, r.version, r.created_at,
                          r.created_by, r.updated_at, r.updated_by))),
         recorded_lines as (
             select lv.* from (
                 select distinct on (x.proforma_id, x.position) x.*
                   from public.proforma_line_version x
                  order by x.proforma_id, x.position, x.version_id desc) lv
              where lv.operation <> 'D'),
         lines as (
             select distinct coalesce(l.proforma_id, rl.proforma_id) as proforma_id
               from public.proforma_line l
               full join recorded_lines rl on rl.proforma_id = l.proforma_id and rl.position = l.position
              where l.proforma_id is null or rl.proforma_id is null
                 or (l.description, l.quantity, l.unit_price, l.tax_rate)
                    is distinct from (rl.description, rl.quantity, rl.unit_price, rl.tax_rate))
    insert into public.integrity_finding (check_id, proforma_id, number, kind, header_differs, lines_differ)
    select check_id, coalesce(h.proforma_id, d.proforma_id),
           coalesce(h.number, (select p.number from public.proforma p where p.id = d.proforma_id),
                    (select v.number from public.proforma_version v where v.proforma_id = d.proforma_id
                      order by v.version_id desc limit 1)),
           coalesce(h.kind, 'CHANGED'), coalesce(h.kind <> 'CHANGED' or h.compared, false), d.proforma_id is not null
      from headers h
      full join lines d on d.proforma_id = h.proforma_id;
    get diagnostics found = row_count;

    select count(*) into checked from public.proforma;
    update public.integrity_check set finished_at = clock_timestamp(), proformas_checked = checked, findings = found
     where id = check_id;
    delete from public.integrity_check
     where id < (select min(c.id) from (select id from public.integrity_check order by id desc limit 100) c);
    return check_id;
end
$$;
revoke execute on function public.countersign_integrity_check(text, text) from public;
--rollback drop function public.countersign_integrity_check(text, text);
