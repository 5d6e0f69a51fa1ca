--liquibase formatted sql

--changeset countersign:009-proforma-list-performance
-- The list on a million proformas (see GridBenchmark). Counting a filter is the first page's main
-- cost, so the filters' indexes carry the other filter columns: a count, and the id-only skip of a
-- deep page, then read the index alone (index-only scans) instead of visiting every matching row.
-- The customer index includes customer_name itself: PostgreSQL rechecks lower(customer_name) like
-- ... from the column, and only an index that holds the column can answer without the table.
drop index proforma_customer_idx;
create index proforma_customer_prefix_idx on proforma (lower(customer_name) text_pattern_ops)
    include (customer_name, status, issue_date, id);
-- "Number starts with": the unique index on number sorts by the database collation, which LIKE
-- cannot use for a prefix range unless that collation is C.
create index proforma_number_prefix_idx on proforma (number text_pattern_ops)
    include (status, issue_date, id);
--rollback drop index proforma_number_prefix_idx;
--rollback drop index proforma_customer_prefix_idx;
--rollback create index proforma_customer_idx on proforma (lower(customer_name) text_pattern_ops);
