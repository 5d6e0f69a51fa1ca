-- Grants the application role (countersign_app, see app-role.sql) needs for the editing lock and
-- the paper fallback. Run as the owner of the Countersign tables after migrating to 007.
-- UPDATE on edit_lock: managers lock and unlock through the portal, and the guard reads the row
-- FOR SHARE so a lock waits for writes already under way. The audit trail is written by a
-- SECURITY DEFINER trigger, so the application role only reads it.
grant select, update on edit_lock to countersign_app;
grant select on edit_lock_event to countersign_app;
grant select, insert, update on paper_batch, paper_number_reservation to countersign_app;
grant usage, select on all sequences in schema public to countersign_app;
