--liquibase formatted sql

--changeset countersign:010-proforma-sort-indexes
-- Every column the list sorts by has an index ending in id (the list's tie-breaker), so a sorted
-- first page, and a deep page read from the far end, never sort the whole table. The cost is that
-- an edit touching updated_at is no longer a HOT update; at the pace people edit, that is cheap.
create index proforma_customer_sort_idx on proforma (lower(customer_name), id);
create index proforma_valid_until_sort_idx on proforma (valid_until, id);
create index proforma_updated_at_sort_idx on proforma (updated_at, id);
create index proforma_status_sort_idx on proforma (status, id);
--rollback drop index proforma_status_sort_idx;
--rollback drop index proforma_updated_at_sort_idx;
--rollback drop index proforma_valid_until_sort_idx;
--rollback drop index proforma_customer_sort_idx;
