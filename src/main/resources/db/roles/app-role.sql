-- The database role the application runs as, embedded and external alike. The application applies
-- it at every start, as the owner of the Countersign tables (the role Liquibase migrates with), after
-- Liquibase and after creating Flowable's tables as that owner, with countersign_app replaced by the
-- role its pool logs in as (base/db/ApplicationRoleGrants). Safe to run again, and by hand.
-- The application role can read and write rows, but it owns none of the Countersign tables, so it
-- cannot disable or drop the guard and history triggers, and history stays append-only.
-- It creates nothing: no CREATE on schema public (issue 13, item 1; the last block revokes it from a
-- role an earlier version granted it to).
grant usage on schema public to countersign_app;
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
-- Sequences and functions: those the owner owns (all of the Countersign ones). "on all ... in schema"
-- failed on a sequence the application role had created itself (Flowable's, by an earlier version).
do $$
declare object text;
begin
    for object in select c.oid::regclass::text from pg_class c
                  where c.relnamespace = 'public'::regnamespace and c.relkind = 'S' and pg_has_role(c.relowner, 'USAGE') loop
        execute format('grant usage, select on sequence %s to countersign_app', object);
    end loop;
    for object in select p.oid::regprocedure::text from pg_proc p
                  where p.pronamespace = 'public'::regnamespace and p.prokind in ('f', 'a', 'w') and pg_has_role(p.proowner, 'USAGE') loop
        execute format('grant execute on function %s to countersign_app', object);
    end loop;
end $$;
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
-- Split roles (issue 13, item 1): Flowable's ACT_* tables (and FLW_* ones) are created and upgraded by
-- the owner, not by the application role, which reads and writes their rows. An earlier version let
-- the application role create in public; it may not any more.
do $$
declare flowable_table text;
begin
    for flowable_table in select c.oid::regclass::text from pg_class c
                          where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
                            and (c.relname like 'act\_%' or c.relname like 'flw\_%') and pg_has_role(c.relowner, 'USAGE') loop
        execute format('grant select, insert, update, delete on table %s to countersign_app', flowable_table);
    end loop;
end $$;
revoke create on schema public from countersign_app;
-- Integrity check (026): the portal asks for a check and reads what it found; only the owner's
-- function writes the check and its findings.
grant execute on function public.countersign_integrity_check(text, text) to countersign_app;
grant select on integrity_check, integrity_finding to countersign_app;
-- Loop breaker (025): the window, the trips, the settings and their audit are written only by the owner's
-- functions. The portal reads them and resets a trip through countersign_breaker_reset() (a
-- manager, with a reason); the limit and window change only as the owner
-- (countersign_breaker_configure), so the application role cannot lift them.
grant select on loop_breaker_setting, loop_breaker_touch, loop_breaker_trip, loop_breaker_event to countersign_app;
revoke execute on function countersign_breaker_configure(integer, interval, text) from countersign_app;
-- Tokens bound to the transaction and the targets (changeset 024): change sets, their decisions and
-- their timeline move only through the owner's countersign_change_set_* functions, which keep the
-- state machine (nobody decides their own request, the high tier needs a second, different approver)
-- and append an event for every move; a token is honoured only in the transaction that claimed it
-- (countersign_change_set_claim). Targets, preview and restore staging stay writable for drafts only
-- (a trigger refuses them once submitted) and are never updated.
revoke insert, update, delete on change_set from countersign_app;
revoke insert on change_set_decision, change_set_event from countersign_app;
revoke update on change_set_target, change_set_preview from countersign_app;
-- Nobody alone (027): privilege requests are written once and decided once (a trigger refuses any other
-- change); only the decision columns are ever updated. The grant columns of app_user_role come with the
-- table's existing grants.
grant select, insert on privilege_request to countersign_app;
grant update (status, decided_by, decided_at, comment) on privilege_request to countersign_app;
