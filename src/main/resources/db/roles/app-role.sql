-- The database role the application runs as, against an external PostgreSQL. Run once as the
-- owner of the Countersign tables (the role Liquibase migrates with), replacing countersign_app.
-- The application role can read and write rows, but it owns none of the Countersign tables, so it
-- cannot disable or drop the guard and history triggers, and history stays append-only.
-- It may create tables of its own in the schema: Flowable creates and upgrades its ACT_* tables.
grant usage, create on schema public to countersign_app;
grant select, insert, update, delete on proforma, proforma_line, app_user, app_user_role, change_set,
      guard_commit_check to countersign_app;
grant select, insert on proforma_version, proforma_line_version to countersign_app;
-- ANALYZE of history before a large recovery plan (MAINTAIN allows no trigger or DDL change). PostgreSQL 17
-- and later; on an older server leave this line out (recovery then waits for autovacuum to analyze).
grant maintain on proforma_version, proforma_line_version to countersign_app;
-- The same for the items of a large recovery preview, before its staging statements read them.
grant maintain on recovery_item to countersign_app;
grant select on proforma_history, proforma_line_history, databasechangelog to countersign_app;
-- Approval: drafts (targets and preview) are discarded with DELETE; decisions, events and the risk
-- policy's audit are only appended.
grant select, insert, update, delete on change_set_target, change_set_preview to countersign_app;
grant select, insert on change_set_decision, change_set_event, risk_policy_audit to countersign_app;
grant select, insert, update on change_set_notification, risk_policy to countersign_app;
-- Editing lock: managers lock and unlock through the portal (UPDATE), and the guard reads the row
-- FOR SHARE so that locking waits for writes under way. The audit trail is written by a SECURITY
-- DEFINER trigger, so the application only reads it.
grant select, update on edit_lock to countersign_app;
grant select on edit_lock_event to countersign_app;
-- Paper fallback: reserved numbers for blank forms and their register.
grant select, insert, update on paper_batch, paper_number_reservation to countersign_app;
-- Recovery: the state a RESTORE change set writes back, and the per-proforma decisions of its preview.
grant select, insert, update, delete on change_set_restore, change_set_restore_line, recovery_item to countersign_app;
grant usage, select on all sequences in schema public to countersign_app;
grant execute on all functions in schema public to countersign_app;
-- Deployments: the script, its dry-run report and run log (status lives in change_set).
grant select, insert, update on deployment to countersign_app;
-- Guard functions hold (017): history is written only by the history triggers, the edit lock
-- only through countersign_edit_lock()/countersign_edit_unlock(), and the guard's commit check and
-- touched set only by the guard's own SECURITY DEFINER functions. The application role reads them.
revoke insert on proforma_version, proforma_line_version from countersign_app;
revoke update on edit_lock from countersign_app;
revoke insert, update, delete on guard_commit_check from countersign_app;
grant select on guard_touched to countersign_app;
-- Exchange rates the risk policy converts with; an ADMIN maintains them in the portal (audited in risk_policy_audit).
grant select, insert, update on currency_rate to countersign_app;
-- Deployment sandbox (changeset 016): deployment scripts run under the NOLOGIN role countersign_deploy,
-- entered with SET LOCAL ROLE for each statement, so the portal's role must be a member. Create the role
-- first if Liquibase's role may not create roles: `create role countersign_deploy nologin;` as a DBA,
-- then `grant countersign_deploy to <owner> with admin option;` so that the owner can run this line.
-- No TEMPORARY on the database for countersign_app: the guard keeps its touched set in an owner table (017).
grant countersign_deploy to countersign_app;
-- Sign-in door (018): failed sign-ins per account and per address; rows are reset on success and
-- removed when an ADMIN unlocks an account.
grant select, insert, update, delete on sign_in_throttle to countersign_app;
-- User administration audit (018): appended and read, never changed.
grant select, insert on user_admin_event to countersign_app;
-- Nobody alone (027): privilege requests are written once and decided once (a trigger refuses any other
-- change); only the decision columns are ever updated. The grant columns of app_user_role come with the
-- table's existing grants.
grant select, insert on privilege_request to countersign_app;
grant update (status, decided_by, decided_at, comment) on privilege_request to countersign_app;
