--liquibase formatted sql

--changeset countersign:016-deployment-role splitStatements:false
-- The role deployment scripts run under (SET LOCAL ROLE, one statement at a time): it may read and
-- write the proforma tables and nothing else. NOLOGIN, so nobody connects as it; the portal's role
-- is a member (embedded: EmbeddedDatabaseConfiguration; production: db/roles/app-role.sql). Created
-- here when Liquibase's role may create roles; otherwise a DBA creates it first (see the README).
do $$
declare
    r pg_roles%rowtype;
    member_of text;
begin
    select * into r from pg_roles where rolname = 'countersign_deploy';
    if not found then
        create role countersign_deploy nologin;
    elsif r.rolcanlogin or r.rolsuper or r.rolcreaterole or r.rolcreatedb or r.rolreplication or r.rolbypassrls then
        raise exception 'countersign_deploy must be a plain NOLOGIN role without attributes; fix it by hand';
    end if;
    select string_agg(g.rolname, ', ') into member_of
      from pg_auth_members m join pg_roles g on g.oid = m.roleid join pg_roles d on d.oid = m.member
     where d.rolname = 'countersign_deploy';
    if member_of is not null then
        raise exception 'countersign_deploy must not be a member of other roles (it is of %)', member_of;
    end if;
end
$$;

--changeset countersign:016-deployment-role-grants
grant usage on schema public to countersign_deploy;
grant select, insert, update, delete on proforma, proforma_line to countersign_deploy;

--changeset countersign:016-no-temp-for-public splitStatements:false
-- TEMP for nobody by default: a script that could create TEMP tables could shadow history for the
-- rest of its session. The guard's own TEMP table is created by the owner, in the functions below.
do $$
begin
    if (select datdba from pg_database where datname = current_database())
       = (select oid from pg_roles where rolname = current_user) then
        execute format('revoke temporary on database %I from public', current_database());
        execute format('grant temporary on database %I to %I', current_database(), current_user);
    else
        raise notice 'Not the database owner: revoke TEMPORARY on database % from PUBLIC by hand', current_database();
    end if;
end
$$;

--changeset countersign:016-guard-as-owner
-- History and guard triggers run as the owner: a write under countersign_deploy (or any role with
-- only row privileges) still gets its history and guard check, and their TEMP table is the owner's.
-- pg_temp last in the search path, so a TEMP table named like a history table shadows nothing.
alter function public.proforma_capture() security definer set search_path = pg_catalog, public, pg_temp;
alter function public.proforma_line_capture() security definer set search_path = pg_catalog, public, pg_temp;
alter function public.proforma_guard() security definer set search_path = pg_catalog, public, pg_temp;
alter function public.proforma_line_guard() security definer set search_path = pg_catalog, public, pg_temp;
alter function public.edit_lock_guard() security definer set search_path = pg_catalog, public, pg_temp;
alter function public.countersign_commit_check() security definer set search_path = pg_catalog, public, pg_temp;
alter function public.countersign_touched_table() set search_path = pg_catalog, public, pg_temp;
alter function public.countersign_guard_check(bigint, text, text) set search_path = pg_catalog, public, pg_temp;
alter function public.countersign_approved_count(bigint) set search_path = pg_catalog, public, pg_temp;
