package com.countersign.proforma;

import static com.countersign.support.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProformaLineTest {

    @Test
    void a_line_equals_the_same_line_read_back_from_the_database() {
        assertThat(line("Consulting day", "2", "850", "20")).isEqualTo(line("Consulting day", "2.000", "850.0000", "20.00"));
    }

    @Test
    void more_decimals_than_the_database_keeps_are_refused_not_rounded() {
        assertThatThrownBy(() -> line("Bolt", "1.0005", "1", "20")).hasMessage("Quantity has at most 3 decimals");
        assertThatThrownBy(() -> line("Bolt", "1", "0.12345", "20")).hasMessage("Unit price has at most 4 decimals");
        assertThatThrownBy(() -> line("Bolt", "1", "1", "7.125")).hasMessage("Tax rate has at most 2 decimals");
        assertThat(line("Bolt", "1.50000", "0.12340", "7.50").unitPrice()).hasToString("0.1234");
    }

    @Test
    void amounts_too_large_for_the_database_are_refused() {
        assertThatThrownBy(() -> line("Bolt", "100000000000", "1", "20")).hasMessage("Quantity is too large");
        assertThat(line("Bolt", "99999999999.999", "1", "20").quantity()).hasToString("99999999999.999");
    }

    @Test
    void quantity_price_and_tax_rate_must_make_sense() {
        assertThatThrownBy(() -> line("Bolt", "0", "1", "20")).hasMessageContaining("greater than zero");
        assertThatThrownBy(() -> line("Bolt", "1", "-0.01", "20")).hasMessageContaining("negative");
        assertThatThrownBy(() -> line("Bolt", "1", "1", "100.01")).hasMessageContaining("between 0 and 100");
        assertThatThrownBy(() -> line(" ", "1", "1", "20")).hasMessageContaining("description");
    }
}
