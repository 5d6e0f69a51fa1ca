--liquibase formatted sql

--changeset countersign:005-change-set-approval
-- What the approval workflow needs on top of the guard's minimal change set.
alter table change_set
    add column risk_tier           varchar(10)   check (risk_tier in ('STANDARD', 'HIGH')),
    add column risk_reasons        text[]        not null default '{}',
    add column operation           varchar(30),
    add column parameters          jsonb,
    add column selection           varchar(1000),
    add column line_count          integer       check (line_count >= 0),
    add column process_instance_id varchar(64),
    add column submitted_at        timestamptz,
    add column decided_at          timestamptz,
    add column decided_by          varchar(60),
    add column applied_at          timestamptz,
    add column failure_reason      varchar(2000);
create index change_set_requester_idx on change_set (requested_by, id desc);

-- The proformas a change set may touch, each with the version the requester previewed.
create table change_set_target (
    change_set_id     bigint  not null references change_set (id) on delete cascade,
    proforma_id       bigint  not null,
    previewed_version integer not null,
    primary key (change_set_id, proforma_id)
);

-- Before/after of every changed field, computed in SQL at preview time and read page by page.
-- position is -1 for header fields and the line's position otherwise.
create table change_set_preview (
    change_set_id bigint       not null references change_set (id) on delete cascade,
    proforma_id   bigint       not null,
    number        varchar(20)  not null,
    position      integer      not null,
    field         varchar(40)  not null,
    before_value  varchar(2000),
    after_value   varchar(2000),
    primary key (change_set_id, proforma_id, position, field)
);

create table change_set_decision (
    id            bigint generated always as identity primary key,
    change_set_id bigint       not null references change_set (id),
    step          varchar(20)  not null check (step in ('REVIEW', 'SECOND_APPROVAL')),
    decided_by    varchar(60)  not null,
    decided_at    timestamptz  not null default now(),
    outcome       varchar(10)  not null check (outcome in ('APPROVE', 'REJECT')),
    comment       varchar(2000),
    constraint change_set_decision_reject_needs_comment
        check (outcome = 'APPROVE' or length(trim(comment)) > 0)
);
create index change_set_decision_cs_idx on change_set_decision (change_set_id, id);

-- The timeline a requester sees in My requests.
create table change_set_event (
    id            bigint generated always as identity primary key,
    change_set_id bigint        not null references change_set (id) on delete cascade,
    at            timestamptz   not null default now(),
    actor         varchar(60)   not null,
    what          varchar(2000) not null
);
create index change_set_event_cs_idx on change_set_event (change_set_id, id);

create table change_set_notification (
    id            bigint generated always as identity primary key,
    change_set_id bigint        not null references change_set (id) on delete cascade,
    recipient     varchar(60)   not null,
    message       varchar(2000) not null,
    created_at    timestamptz   not null default now()
);
create index change_set_notification_recipient_idx on change_set_notification (recipient, id desc);

--changeset countersign:005-risk-policy
-- At most one row: the ADMIN's settings, overriding the application properties once saved.
create table risk_policy (
    id                      integer       primary key default 1 check (id = 1),
    gross_change_threshold  numeric(16,2) not null check (gross_change_threshold >= 0),
    high_tier_proformas     integer       not null check (high_tier_proformas >= 1),
    high_tier_total_value   numeric(18,2) not null check (high_tier_total_value >= 0),
    updated_at              timestamptz   not null,
    updated_by              varchar(60)   not null
);

create table risk_policy_audit (
    id          bigint generated always as identity primary key,
    changed_at  timestamptz   not null default now(),
    changed_by  varchar(60)   not null,
    reason      varchar(1000) not null check (length(trim(reason)) > 0),
    before      jsonb,
    after       jsonb         not null
);
