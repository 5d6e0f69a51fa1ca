-- DDL audit of Countersign's schema (issue 13, item 8). Run as a SUPERUSER, once, after the
-- application has migrated the database (embedded mode runs it by itself at every start; it is
-- idempotent). Only a superuser may create an event trigger, and everything here belongs to the
-- superuser on purpose: the owner of the Countersign tables (Liquibase's role) can disable the
-- history triggers, drop a table or add a rule, but it cannot replace this function, drop the event
-- trigger, or change or delete a row of the audit. Every DDL command on an object in schema public
-- (ALTER TABLE ... DISABLE TRIGGER, DROP, CREATE OR REPLACE FUNCTION, and a rule or trigger on a table
-- there: those have no schema of their own, their identity names the table) is recorded
-- with who ran it, from where, and the statement. It lives in a schema of its own, so that the grant
-- script's "on all ... in schema public" never meets an object its runner does not own.
create schema if not exists countersign_audit;
grant usage on schema countersign_audit to public;
create table if not exists countersign_audit.ddl_audit (
    id              bigint generated always as identity primary key,
    at              timestamptz  not null default clock_timestamp(),
    db_user         varchar(100) not null default session_user,
    client_addr     inet         default inet_client_addr(),
    txid            bigint       not null default txid_current(),
    command_tag     text         not null,
    object_type     text,
    object_identity text,
    statement       text
);
grant select on countersign_audit.ddl_audit to public;

create or replace function countersign_audit.record_ddl() returns event_trigger language plpgsql security definer
    set search_path = pg_catalog, pg_temp as $$
declare
    r record;
begin
    if tg_event = 'sql_drop' then
        for r in select * from pg_event_trigger_dropped_objects()
                  where schema_name = 'public' or (schema_name is null and object_identity like '% on public.%') loop
            insert into countersign_audit.ddl_audit (command_tag, object_type, object_identity, statement)
            values (tg_tag, r.object_type, r.object_identity, left(current_query(), 4000));
        end loop;
    else
        for r in select * from pg_event_trigger_ddl_commands()
                  where schema_name = 'public' or (schema_name is null and object_identity like '% on public.%') loop
            insert into countersign_audit.ddl_audit (command_tag, object_type, object_identity, statement)
            values (r.command_tag, r.object_type, r.object_identity, left(current_query(), 4000));
        end loop;
    end if;
end
$$;
revoke execute on function countersign_audit.record_ddl() from public;

create or replace function countersign_audit.refuse_change() returns trigger language plpgsql
    set search_path = pg_catalog, pg_temp as $$
begin
    raise exception 'Countersign: ddl_audit is append-only; % is not allowed', tg_op using errcode = 'P0001';
end
$$;

do $$
begin
    if not exists (select from pg_trigger where tgname = 'ddl_audit_append_only') then
        create trigger ddl_audit_append_only before update or delete or truncate on countersign_audit.ddl_audit
            for each statement execute function countersign_audit.refuse_change();
        alter table countersign_audit.ddl_audit enable always trigger ddl_audit_append_only;
    end if;
    if not exists (select from pg_event_trigger where evtname = 'countersign_ddl_audit_end') then
        create event trigger countersign_ddl_audit_end on ddl_command_end
            execute function countersign_audit.record_ddl();
        alter event trigger countersign_ddl_audit_end enable always;
    end if;
    if not exists (select from pg_event_trigger where evtname = 'countersign_ddl_audit_drop') then
        create event trigger countersign_ddl_audit_drop on sql_drop
            execute function countersign_audit.record_ddl();
        alter event trigger countersign_ddl_audit_drop enable always;
    end if;
end
$$;
