--liquibase formatted sql

--changeset countersign:020-currency-rates
--comment: What one unit of a currency is worth in the risk policy's currency, as an ADMIN maintains it. The
--comment: risk policy never adds amounts of different currencies: it converts each with its rate and shows the rate.
create table currency_rate (
    currency  char(3)         primary key check (currency ~ '^[A-Z]{3}$'),
    rate      numeric(20, 10) not null check (rate > 0),
    as_of     date            not null,
    set_by    varchar(60)     not null,
    set_at    timestamptz     not null default now()
);
comment on column currency_rate.rate is 'value of one unit of currency in the policy currency (countersign.approval.policy-currency)';
