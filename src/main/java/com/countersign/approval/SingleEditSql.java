package com.countersign.approval;

import java.util.List;

/** Applies a risky single edit: the proposed content, stored as JSON on the change set, replaces the proforma's. */
final class SingleEditSql {

    static final List<String> APPLY = List.of("""
            update proforma p
               set customer_name = c.content ->> 'customerName', customer_address = c.content ->> 'customerAddress',
                   customer_vat_id = c.content ->> 'customerVatId', issue_date = cast(c.content ->> 'issueDate' as date),
                   valid_until = cast(c.content ->> 'validUntil' as date), currency = c.content ->> 'currency',
                   status = c.content ->> 'status', notes = c.content ->> 'notes',
                   version = p.version + 1, updated_at = now(), updated_by = :actor
              from (select t.proforma_id, t.previewed_version, cs.parameters -> 'content' as content
                      from change_set cs join change_set_target t on t.change_set_id = cs.id
                     where cs.id = :cs) c
             where p.id = c.proforma_id and p.version = c.previewed_version
            """, """
            delete from proforma_line l using change_set_target t
             where t.change_set_id = :cs and l.proforma_id = t.proforma_id
            """, """
            insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)
            select t.proforma_id, cast(e.ord - 1 as integer), e.line ->> 'description',
                   cast(e.line ->> 'quantity' as numeric), cast(e.line ->> 'unitPrice' as numeric),
                   cast(e.line ->> 'taxRate' as numeric)
              from change_set cs join change_set_target t on t.change_set_id = cs.id
             cross join lateral jsonb_array_elements(cs.parameters -> 'content' -> 'lines') with ordinality as e(line, ord)
             where cs.id = :cs
            """);

    private SingleEditSql() {}
}
