--liquibase formatted sql

--changeset countersign:003-history-context splitStatements:false
-- Who and why, as the application set them for this transaction (WriteContext); a write from
-- psql or a script has none, and is recorded with the database role as actor.
create function countersign_actor() returns varchar language sql stable as $$
    select coalesce(nullif(current_setting('countersign.actor', true), ''), session_user::varchar)
$$;

create function countersign_reason() returns varchar language sql stable as $$
    select nullif(current_setting('countersign.reason', true), '')
$$;

create function countersign_change_set() returns bigint language plpgsql stable as $$
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

--changeset countersign:003-history-tables
-- Every version of every row, appended by triggers and never changed: an INSERT or UPDATE adds the
-- new image, a DELETE adds the last image marked 'D'. A version is valid from its valid_from until
-- the next version of the same row (see the *_history views), so "as of T" is one query.
create table proforma_version (
    version_id       bigint generated always as identity primary key,
    proforma_id      bigint        not null,
    operation        char(1)       not null check (operation in ('I', 'U', 'D')),
    valid_from       timestamptz   not null,
    actor            varchar(100)  not null,
    change_set_id    bigint,
    reason           varchar(500),
    txid             bigint        not null,
    number           varchar(20)   not null,
    customer_name    varchar(200)  not null,
    customer_address varchar(500)  not null,
    customer_vat_id  varchar(30),
    issue_date       date          not null,
    valid_until      date          not null,
    currency         char(3)       not null,
    status           varchar(12)   not null,
    notes            varchar(2000),
    source           varchar(6)    not null,
    version          integer       not null,
    created_at       timestamptz   not null,
    created_by       varchar(60)   not null,
    updated_at       timestamptz   not null,
    updated_by       varchar(60)   not null
);
create index proforma_version_row_idx on proforma_version (proforma_id, version_id);
create index proforma_version_time_idx on proforma_version (valid_from);
create index proforma_version_tx_idx on proforma_version (txid);

create table proforma_line_version (
    version_id    bigint generated always as identity primary key,
    proforma_id   bigint         not null,
    position      integer        not null,
    operation     char(1)        not null check (operation in ('I', 'U', 'D')),
    valid_from    timestamptz    not null,
    actor         varchar(100)   not null,
    change_set_id bigint,
    reason        varchar(500),
    txid          bigint         not null,
    description   varchar(500)   not null,
    quantity      numeric(14, 3) not null,
    unit_price    numeric(16, 4) not null,
    tax_rate      numeric(5, 2)  not null
);
create index proforma_line_version_row_idx on proforma_line_version (proforma_id, position, version_id);
create index proforma_line_version_time_idx on proforma_line_version (valid_from);

--changeset countersign:003-history-views
-- The SQL:2011 reading of the same data: each version with its closed or open validity period.
create view proforma_history as
select v.*,
       lead(v.valid_from) over (partition by v.proforma_id order by v.version_id) as valid_to
  from proforma_version v;

create view proforma_line_history as
select v.*,
       lead(v.valid_from) over (partition by v.proforma_id, v.position order by v.version_id) as valid_to
  from proforma_line_version v;

--changeset countersign:003-history-capture splitStatements:false
-- Statement-level triggers with transition tables: one INSERT ... SELECT per statement, however
-- many rows it touched (measured against the row-level variant in HistoryBenchmark).
create function proforma_capture() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        insert into proforma_version (proforma_id, operation, valid_from, actor, change_set_id, reason, txid,
               number, customer_name, customer_address, customer_vat_id, issue_date, valid_until, currency,
               status, notes, source, version, created_at, created_by, updated_at, updated_by)
        select o.id, 'D', now(), countersign_actor(), countersign_change_set(), countersign_reason(),
               txid_current(), o.number, o.customer_name, o.customer_address, o.customer_vat_id, o.issue_date,
               o.valid_until, o.currency, o.status, o.notes, o.source, o.version, o.created_at, o.created_by,
               o.updated_at, o.updated_by
          from old_rows o;
    else
        insert into proforma_version (proforma_id, operation, valid_from, actor, change_set_id, reason, txid,
               number, customer_name, customer_address, customer_vat_id, issue_date, valid_until, currency,
               status, notes, source, version, created_at, created_by, updated_at, updated_by)
        select n.id, left(tg_op, 1), now(), countersign_actor(), countersign_change_set(), countersign_reason(),
               txid_current(), n.number, n.customer_name, n.customer_address, n.customer_vat_id, n.issue_date,
               n.valid_until, n.currency, n.status, n.notes, n.source, n.version, n.created_at, n.created_by,
               n.updated_at, n.updated_by
          from new_rows n;
    end if;
    return null;
end
$$;

create function proforma_line_capture() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        insert into proforma_line_version (proforma_id, position, operation, valid_from, actor, change_set_id,
               reason, txid, description, quantity, unit_price, tax_rate)
        select o.proforma_id, o.position, 'D', now(), countersign_actor(), countersign_change_set(),
               countersign_reason(), txid_current(), o.description, o.quantity, o.unit_price, o.tax_rate
          from old_rows o;
    else
        insert into proforma_line_version (proforma_id, position, operation, valid_from, actor, change_set_id,
               reason, txid, description, quantity, unit_price, tax_rate)
        select n.proforma_id, n.position, left(tg_op, 1), now(), countersign_actor(), countersign_change_set(),
               countersign_reason(), txid_current(), n.description, n.quantity, n.unit_price, n.tax_rate
          from new_rows n;
    end if;
    return null;
end
$$;

create trigger proforma_history_insert after insert on proforma
    referencing new table as new_rows for each statement execute function proforma_capture();
create trigger proforma_history_update after update on proforma
    referencing new table as new_rows for each statement execute function proforma_capture();
create trigger proforma_history_delete after delete on proforma
    referencing old table as old_rows for each statement execute function proforma_capture();

create trigger proforma_line_history_insert after insert on proforma_line
    referencing new table as new_rows for each statement execute function proforma_line_capture();
create trigger proforma_line_history_update after update on proforma_line
    referencing new table as new_rows for each statement execute function proforma_line_capture();
create trigger proforma_line_history_delete after delete on proforma_line
    referencing old table as old_rows for each statement execute function proforma_line_capture();

--changeset countersign:003-history-baseline
-- Rows that existed before history was switched on get one baseline version each, so that "as of"
-- and restore work for them too.
insert into proforma_version (proforma_id, operation, valid_from, actor, reason, txid, number, customer_name,
       customer_address, customer_vat_id, issue_date, valid_until, currency, status, notes, source, version,
       created_at, created_by, updated_at, updated_by)
select id, 'I', updated_at, updated_by, 'history baseline', txid_current(), number, customer_name, customer_address,
       customer_vat_id, issue_date, valid_until, currency, status, notes, source, version, created_at, created_by,
       updated_at, updated_by
  from proforma;
insert into proforma_line_version (proforma_id, position, operation, valid_from, actor, reason, txid, description,
       quantity, unit_price, tax_rate)
select l.proforma_id, l.position, 'I', p.updated_at, p.updated_by, 'history baseline', txid_current(),
       l.description, l.quantity, l.unit_price, l.tax_rate
  from proforma_line l join proforma p on p.id = l.proforma_id;

--changeset countersign:003-history-append-only splitStatements:false
create function countersign_history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'Countersign: % is append-only history; % is not allowed', tg_table_name, tg_op
        using errcode = 'P0001';
end
$$;

create trigger proforma_version_append_only before update or delete or truncate on proforma_version
    for each statement execute function countersign_history_is_append_only();
create trigger proforma_line_version_append_only before update or delete or truncate on proforma_line_version
    for each statement execute function countersign_history_is_append_only();
