--liquibase formatted sql

--changeset countersign:011-restore-staging
-- The state a RESTORE change set writes back, computed from history by the recovery feature at
-- preview time. One row per proforma it may touch: its wanted header (or deleted), and per line
-- position whether the line should exist and with what content. Approval derives the targets and
-- the preview from these rows and applies them, set-based, under the change set's token.
create table change_set_restore (
    change_set_id    bigint        not null references change_set (id) on delete cascade,
    proforma_id      bigint        not null,
    number           varchar(20)   not null,
    deleted          boolean       not null,
    customer_name    varchar(200),
    customer_address varchar(500),
    customer_vat_id  varchar(30),
    issue_date       date,
    valid_until      date,
    currency         char(3),
    status           varchar(12),
    notes            varchar(2000),
    source           varchar(6),
    version          integer,
    created_at       timestamptz,
    created_by       varchar(60),
    primary key (change_set_id, proforma_id)
);

create table change_set_restore_line (
    change_set_id bigint         not null references change_set (id) on delete cascade,
    proforma_id   bigint         not null,
    position      integer        not null,
    present       boolean        not null,
    description   varchar(500),
    quantity      numeric(14, 3),
    unit_price    numeric(16, 4),
    tax_rate      numeric(5, 2),
    primary key (change_set_id, proforma_id, position)
);

--changeset countersign:011-recovery-items
-- What a recovery preview decided per proforma: restore it to a version from history, delete it
-- (undo of a creation) or cancel it (created after the point in time), and how a conflict (a proforma
-- changed by someone else since) is resolved: SKIP (the default), RESTORE anyway, or only FIELDS.
create table recovery_item (
    change_set_id        bigint       not null references change_set (id) on delete cascade,
    proforma_id          bigint       not null,
    number               varchar(20)  not null,
    action               varchar(10)  not null check (action in ('RESTORE', 'DELETE', 'CANCEL')),
    source_version_id    bigint,
    fields               text[],
    conflict             boolean      not null,
    since                timestamptz  not null,
    undone_change_set_id bigint,
    resolution           varchar(10)  not null check (resolution in ('SKIP', 'RESTORE', 'FIELDS')),
    primary key (change_set_id, proforma_id)
);
create index recovery_item_conflict_idx on recovery_item (change_set_id, proforma_id) where conflict;
create index proforma_line_version_tx_idx on proforma_line_version (txid);
create index proforma_version_change_set_idx on proforma_version (change_set_id) where change_set_id is not null;
create index proforma_line_version_change_set_idx on proforma_line_version (change_set_id)
    where change_set_id is not null;
