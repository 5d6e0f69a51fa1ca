--liquibase formatted sql

--changeset countersign:007-paper-forms
-- Blank paper forms carry numbers taken from proforma_number_seq, reserved here in batches; when a
-- form is entered after the incident its proforma is recorded against the number.
create table paper_batch (
    id          bigint generated always as identity primary key,
    form_count  integer      not null check (form_count between 1 and 10000),
    reserved_by varchar(60)  not null,
    reserved_at timestamptz  not null default now(),
    note        varchar(500)
);

create table paper_number_reservation (
    number      varchar(20)  primary key check (number ~ '^PF-[0-9]{4}-[0-9]{6,}$'),
    batch_id    bigint       not null references paper_batch (id),
    reserved_by varchar(60)  not null,
    reserved_at timestamptz  not null default now(),
    -- no foreign key: a proforma deleted later under a change set keeps its register entry
    proforma_id bigint       unique,
    entered_by  varchar(60),
    entered_at  timestamptz,
    constraint paper_entry_complete check ((proforma_id is null) = (entered_at is null))
);
create index paper_number_reservation_batch_idx on paper_number_reservation (batch_id, number);
create index paper_number_reservation_open_idx on paper_number_reservation (reserved_at) where proforma_id is null;
