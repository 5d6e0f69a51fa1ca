--liquibase formatted sql

--changeset countersign:013-recovery-item-offered
-- The fields a conflict's restore may put back, as first worked out (null: all of them). A choice of
-- "only these fields" narrows recovery_item.fields; the recovery view still offers every one of these.
alter table recovery_item add column offered text[];
update recovery_item set offered = fields;
--rollback alter table recovery_item drop column offered;

--changeset countersign:013-restore-staging-without-row-checks splitStatements:false
-- A preview of 100,000 proformas stages 100,000 items, 100,000 headers and a line row per changed
-- line; the foreign keys to change_set checked every one of those rows (a row-level trigger each,
-- about a fifth of the preview). The rows are only ever written for the change set being
-- previewed, in its own transaction, so the check buys nothing; what the keys did on delete (a
-- discarded draft takes its staging with it) is done once per statement instead.
alter table recovery_item drop constraint recovery_item_change_set_id_fkey;
alter table change_set_restore drop constraint change_set_restore_change_set_id_fkey;
alter table change_set_restore_line drop constraint change_set_restore_line_change_set_id_fkey;

create function countersign_drop_restore_staging() returns trigger language plpgsql as $$
begin
    delete from recovery_item i using old_rows o where i.change_set_id = o.id;
    delete from change_set_restore_line l using old_rows o where l.change_set_id = o.id;
    delete from change_set_restore r using old_rows o where r.change_set_id = o.id;
    return null;
end
$$;

create trigger change_set_drop_restore_staging after delete on change_set
    referencing old table as old_rows for each statement execute function countersign_drop_restore_staging();
--rollback drop trigger change_set_drop_restore_staging on change_set;
--rollback drop function countersign_drop_restore_staging();
--rollback alter table recovery_item add constraint recovery_item_change_set_id_fkey foreign key (change_set_id) references change_set (id) on delete cascade;
--rollback alter table change_set_restore add constraint change_set_restore_change_set_id_fkey foreign key (change_set_id) references change_set (id) on delete cascade;
--rollback alter table change_set_restore_line add constraint change_set_restore_line_change_set_id_fkey foreign key (change_set_id) references change_set (id) on delete cascade;
