package com.countersign.proforma;

import static com.countersign.support.Fixtures.uniqueCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.support.CountersignTest;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What holds even when someone bypasses the service and writes SQL as the application's database user. */
@CountersignTest
class ProformaDatabaseConstraintsTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_well_formed_row_written_by_hand_is_accepted() {
        long id = insertHeader("EUR", LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2));
        insertLine(id, "1", "0", "0");

        assertThat(jdbc.sql("select count(*) from proforma_line where proforma_id = :id").param("id", id)
                .query(Integer.class).single()).isOne();
    }

    @ParameterizedTest(name = "quantity {0}, unit price {1}, tax rate {2}")
    @CsvSource({
        "0, 10, 20, proforma_line_quantity_check",
        "-1, 10, 20, proforma_line_quantity_check",
        "1, -0.01, 20, proforma_line_unit_price_check",
        "1, 10, 101, proforma_line_tax_rate_check",
        "1, 10, -1, proforma_line_tax_rate_check"})
    void a_line_with_impossible_numbers_is_rejected_by_postgresql(String quantity, String price, String tax,
            String constraint) {
        long id = insertHeader("EUR", LocalDate.of(2026, 3, 2), LocalDate.of(2026, 4, 1));

        assertThatThrownBy(() -> insertLine(id, quantity, price, tax))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining(constraint);
    }

    @Test
    void valid_until_before_the_issue_date_is_rejected_by_postgresql() {
        assertThatThrownBy(() -> insertHeader("EUR", LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 1)))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("proforma_valid_until_not_before_issue");
    }

    @ParameterizedTest(name = "currency \"{0}\"")
    @CsvSource({"eur", "E1R", "EURO", "' '"})
    void a_currency_that_is_not_three_capital_letters_is_rejected_by_postgresql(String currency) {
        assertThatThrownBy(() -> insertHeader(currency, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 4, 1)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void a_proforma_number_is_unique_and_well_formed() {
        long id = insertHeader("EUR", LocalDate.of(2026, 3, 2), LocalDate.of(2026, 4, 1));
        String number = jdbc.sql("select number from proforma where id = :id").param("id", id).query(String.class).single();

        assertThatThrownBy(() -> insertHeader(number, "EUR"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> insertHeader("INV-7", "EUR"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("proforma_number_check");
    }

    private long insertHeader(String currency, LocalDate issued, LocalDate validUntil) {
        return insertHeader("PF-1999-" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L), currency,
                issued, validUntil);
    }

    private long insertHeader(String number, String currency) {
        return insertHeader(number, currency, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 4, 1));
    }

    private long insertHeader(String number, String currency, LocalDate issued, LocalDate validUntil) {
        return jdbc.sql("""
                insert into proforma (number, customer_name, customer_address, issue_date, valid_until, currency,
                                      status, created_by, updated_by)
                values (:number, :customer, '1 Raw Street', :issued, :validUntil, :currency, 'DRAFT', 'raw-sql', 'raw-sql')
                returning id""")
                .param("number", number)
                .param("customer", uniqueCustomer("Raw SQL"))
                .param("issued", issued)
                .param("validUntil", validUntil)
                .param("currency", currency)
                .query(Long.class)
                .single();
    }

    private void insertLine(long proformaId, String quantity, String unitPrice, String taxRate) {
        jdbc.sql("""
                insert into proforma_line (proforma_id, position, description, quantity, unit_price, tax_rate)
                values (:id, 0, 'Hand-written line', :quantity::numeric, :price::numeric, :tax::numeric)""")
                .param("id", proformaId)
                .param("quantity", quantity)
                .param("price", unitPrice)
                .param("tax", taxRate)
                .update();
    }
}
