--liquibase formatted sql

--changeset countersign:015-draft-rows-without-row-checks splitStatements:false
-- A preview of 100,000 proformas writes 100,000 targets and up to hundreds of thousands of preview
-- rows, each checked against change_set by a row-level foreign-key trigger (0.4 s per 100,000 rows
-- here). They are only ever written for the draft being previewed, in the transaction that created
-- it, so the check buys nothing; what the keys did on delete (a discarded draft takes its rows with
-- it) is done once per statement instead, as 013 did for the restore staging.
alter table change_set_target drop constraint change_set_target_change_set_id_fkey;
alter table change_set_preview drop constraint change_set_preview_change_set_id_fkey;

create or replace function countersign_drop_restore_staging() returns trigger language plpgsql as $$
begin
    delete from recovery_item i using old_rows o where i.change_set_id = o.id;
    delete from change_set_restore_line l using old_rows o where l.change_set_id = o.id;
    delete from change_set_restore r using old_rows o where r.change_set_id = o.id;
    delete from change_set_target t using old_rows o where t.change_set_id = o.id;
    delete from change_set_preview p using old_rows o where p.change_set_id = o.id;
    return null;
end
$$;
--rollback create or replace function countersign_drop_restore_staging() returns trigger language plpgsql as $$ begin delete from recovery_item i using old_rows o where i.change_set_id = o.id; delete from change_set_restore_line l using old_rows o where l.change_set_id = o.id; delete from change_set_restore r using old_rows o where r.change_set_id = o.id; return null; end $$;
--rollback alter table change_set_target add constraint change_set_target_change_set_id_fkey foreign key (change_set_id) references change_set (id) on delete cascade;
--rollback alter table change_set_preview add constraint change_set_preview_change_set_id_fkey foreign key (change_set_id) references change_set (id) on delete cascade;
