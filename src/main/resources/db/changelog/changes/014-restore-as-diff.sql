--liquibase formatted sql

--changeset countersign:014-restore-staging-as-diff
-- A RESTORE change set stages only what it changes: one header row per proforma it writes (with
-- the version it was previewed at), and one line row per line it inserts (I), updates (U) or
-- deletes (D), with the line as it is now beside the line it will be. The preview, the risk
-- figures and the apply read these rows alone, instead of comparing a staged copy of every
-- restorable proforma with the live tables again at each step.
alter table change_set_restore add column previewed_version integer;
alter table change_set_restore_line add column kind char(1);
alter table change_set_restore_line add column before_description varchar(500);
alter table change_set_restore_line add column before_quantity numeric(14, 3);
alter table change_set_restore_line add column before_unit_price numeric(16, 4);
alter table change_set_restore_line add column before_tax_rate numeric(5, 2);
-- Set for lines staged from now on: their row is also their line of the change set's preview (one
-- copy, not two). Restores staged before keep the preview rows they were given then.
alter table change_set_restore_line add column number varchar(20);

-- Restores staged before this change (drafts, pending or approved ones) keep their meaning:
-- headers of proformas that are not targets were never going to be written, targets keep their
-- previewed version, and each staged line gets the kind of write it stood for.
delete from change_set_restore r
 where not exists (select 1 from change_set_target t where t.change_set_id = r.change_set_id and t.proforma_id = r.proforma_id);
update change_set_restore r set previewed_version = t.previewed_version
  from change_set_target t where t.change_set_id = r.change_set_id and t.proforma_id = r.proforma_id;
delete from change_set_restore_line d
 where not exists (select 1 from change_set_target t where t.change_set_id = d.change_set_id and t.proforma_id = d.proforma_id);
update change_set_restore_line d
   set kind = case when not d.present then 'D'
                   when exists (select 1 from proforma_line l where l.proforma_id = d.proforma_id and l.position = d.position)
                   then 'U' else 'I' end;
delete from change_set_restore_line d
 where not d.present
   and not exists (select 1 from proforma_line l where l.proforma_id = d.proforma_id and l.position = d.position);

alter table change_set_restore alter column previewed_version set not null;
alter table change_set_restore_line alter column kind set not null;
alter table change_set_restore_line add constraint change_set_restore_line_kind_check check (kind in ('I', 'U', 'D'));
alter table change_set_restore_line drop column present;
--rollback alter table change_set_restore_line add column present boolean not null default true;
--rollback update change_set_restore_line set present = kind <> 'D';
--rollback alter table change_set_restore_line drop constraint change_set_restore_line_kind_check;
--rollback alter table change_set_restore_line drop column number;
--rollback alter table change_set_restore_line drop column kind, drop column before_description, drop column before_quantity, drop column before_unit_price, drop column before_tax_rate;
--rollback alter table change_set_restore drop column previewed_version;
