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
