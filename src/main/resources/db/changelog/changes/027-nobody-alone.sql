--liquibase formatted sql

--changeset countersign:027-role-grant-standing
-- When each role was granted and by whom, so that a fresh approving role waits out a cooling-off period
-- before it decides approvals, and nobody decides on a request of the person who gave them the role
-- (base/FourEyesRule). granted_by asked for the role, approved_by approved that request (null when it was
-- given directly: the bootstrap admin, a demo user, STAFF). Rows from before: granted_at null, read as
-- "long ago, by nobody known". Demo users keep null on purpose: they are the documented exception.
alter table app_user_role add column granted_at  timestamptz;
alter table app_user_role add column granted_by  varchar(60);
alter table app_user_role add column approved_by varchar(60);

--changeset countersign:027-privilege-request
-- What one ADMIN asks and another person must approve before it happens: granting REVIEWER, MANAGER or
-- ADMIN, enabling a disabled privileged account, resetting another person's password. A row is decided
-- once (PENDING to APPROVED, REJECTED or CANCELLED) and otherwise never changes nor goes away; the
-- trigger below holds that for the application role. The approver's temporary password is never stored.
create table privilege_request (
    id           bigint generated always as identity primary key,
    kind         varchar(14)   not null check (kind in ('GRANT_ROLES', 'ENABLE', 'RESET_PASSWORD')),
    user_id      bigint        not null references app_user (id),
    username     varchar(60)   not null,
    -- GRANT_ROLES: the roles to add, comma-separated
    roles        varchar(100)  check ((kind = 'GRANT_ROLES') = (roles is not null)),
    requested_by varchar(60)   not null,
    requested_at timestamptz   not null,
    reason       varchar(1000),
    status       varchar(9)    not null default 'PENDING'
                               check (status in ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED')),
    decided_by   varchar(60),
    decided_at   timestamptz,
    comment      varchar(1000),
    check ((status = 'PENDING') = (decided_by is null and decided_at is null)),
    check (decided_by is null or status = 'CANCELLED' or decided_by <> requested_by),
    check (decided_by is null or status = 'CANCELLED' or decided_by <> username)
);
-- one open request of a kind per person: a second would be decided against a stale first
create unique index privilege_request_one_pending on privilege_request (user_id, kind) where status = 'PENDING';
create index privilege_request_pending on privilege_request (requested_at) where status = 'PENDING';

--changeset countersign:027-privilege-request-decided-once splitStatements:false
create function public.privilege_request_decided_once() returns trigger
    language plpgsql set search_path = pg_catalog, pg_temp as $$
begin
    if tg_op <> 'UPDATE' then
        raise exception 'privilege_request rows are never removed: % is not allowed', tg_op
            using errcode = 'insufficient_privilege';
    end if;
    if old.status <> 'PENDING' or new.status = 'PENDING'
            or (new.id, new.kind, new.user_id, new.username, new.roles, new.requested_by, new.requested_at, new.reason)
               is distinct from
               (old.id, old.kind, old.user_id, old.username, old.roles, old.requested_by, old.requested_at, old.reason) then
        raise exception 'privilege request % is decided once, from PENDING, and only its decision is written', old.id
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;

create trigger privilege_request_decided_once before update or delete on public.privilege_request
    for each row execute function public.privilege_request_decided_once();
create trigger privilege_request_no_truncate before truncate on public.privilege_request
    for each statement execute function public.privilege_request_decided_once();

--changeset countersign:027-user-admin-audit-requests
alter table user_admin_event drop constraint user_admin_event_action_check;
alter table user_admin_event add constraint user_admin_event_action_check
    check (action in ('CREATE', 'RENAME', 'ROLES', 'PASSWORD_RESET', 'PASSWORD_CHANGE', 'ENABLE', 'DISABLE',
                      'LOCKOUT', 'UNLOCK', 'REQUEST', 'APPROVE', 'REJECT', 'CANCEL'));
