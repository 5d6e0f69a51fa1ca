--liquibase formatted sql

--changeset countersign:018-sign-in-throttle
-- Failed sign-ins per account name and per client address, shared by every node so that a second
-- node is no way around the delays and the lockout. A row is the current state, not a log: the
-- audit of locks and unlocks is elsewhere. Account names are kept whether or not such a user
-- exists, so a locked name tells nobody that the account is real.
create table sign_in_throttle (
    subject_kind    varchar(7)   not null check (subject_kind in ('ACCOUNT', 'ADDRESS')),
    subject         varchar(100) not null,
    failures        integer      not null default 0 check (failures >= 0),
    last_failure_at timestamptz,
    not_before      timestamptz,
    locked_until    timestamptz,
    primary key (subject_kind, subject)
);

--changeset countersign:018-user-admin-audit
-- Every change to who may sign in and with which roles: created users, renames, role changes, password
-- resets and changes, enabling and disabling, lockouts by failed sign-ins and unlocks. Append-only:
-- the application role may INSERT and SELECT (db/roles/app-role.sql), and a trigger refuses UPDATE,
-- DELETE and TRUNCATE for everyone but a superuser who first disables it (which is then on record in
-- the server log, not here).
create table user_admin_event (
    id       bigint generated always as identity primary key,
    at       timestamptz   not null default now(),
    action   varchar(20)   not null check (action in ('CREATE', 'RENAME', 'ROLES', 'PASSWORD_RESET',
                                                      'PASSWORD_CHANGE', 'ENABLE', 'DISABLE', 'LOCKOUT', 'UNLOCK')),
    -- who did it: a username, or 'sign-in door' for a lockout
    actor    varchar(100)  not null,
    -- whom it concerns: a username, or a client address locked out
    target   varchar(100)  not null,
    detail   varchar(1000),
    -- the database role really connected: the actor is what the application says
    db_user  varchar(100)  not null default session_user
);
create index user_admin_event_at_idx on user_admin_event (at desc);
create index user_admin_event_target_idx on user_admin_event (target, at desc);

--changeset countersign:018-user-admin-audit-append-only splitStatements:false
create function public.user_admin_event_append_only() returns trigger
    language plpgsql set search_path = pg_catalog, pg_temp as $$
begin
    raise exception 'user_admin_event is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger user_admin_event_no_update_or_delete before update or delete on public.user_admin_event
    for each row execute function public.user_admin_event_append_only();
create trigger user_admin_event_no_truncate before truncate on public.user_admin_event
    for each statement execute function public.user_admin_event_append_only();

--changeset countersign:018-temporary-password
-- A password set by an ADMIN (a reset) works for one sign-in only: the person must choose a new one
-- before anything else, so the admin never knows a password that lasts.
alter table app_user add column must_change_password boolean not null default false;
