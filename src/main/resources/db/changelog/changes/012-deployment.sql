--liquibase formatted sql

--changeset countersign:012-deployment
-- A data-fix deployment: the script as submitted, its dry-run report and its run log. Status,
-- approved count, decisions and timeline live in the change set it is bound to (kind DEPLOYMENT).
create table deployment (
    id            bigint generated always as identity primary key,
    change_set_id bigint        not null unique references change_set (id),
    title         varchar(200)  not null check (length(trim(title)) > 0),
    release_ref   varchar(100)  not null check (length(trim(release_ref)) > 0),
    description   varchar(4000),
    script        text          not null check (length(trim(script)) > 0),
    submitted_by  varchar(60)   not null,
    submitted_at  timestamptz   not null default now(),
    flagged       boolean       not null,
    dry_run       jsonb         not null,
    run_log       jsonb
);
create index deployment_recent_idx on deployment (id desc);
