package com.countersign.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void an_amount_is_kept_at_its_currencys_scale_rounding_half_up() {
        assertThat(Money.of("1.005", "EUR").amount()).isEqualByComparingTo("1.01").hasToString("1.01");
        assertThat(Money.of("1.004", "EUR").amount()).hasToString("1.00");
        assertThat(Money.of("1234.5", "JPY").amount()).hasToString("1235");
        assertThat(Money.of("1.0005", "BHD").amount()).hasToString("1.001");
        assertThat(Money.of("7", "EUR")).hasToString("7.00 EUR");
    }

    @Test
    void people_see_thousands_grouped_and_programs_the_plain_amount() {
        assertThat(Money.of("35868.37", "EUR").formatted()).isEqualTo("35,868.37 EUR");
        assertThat(Money.of("-1234567.5", "CZK").formatted()).isEqualTo("-1,234,567.50 CZK");
        assertThat(Money.of("999", "EUR").formatted()).isEqualTo("999.00 EUR");
        assertThat(Money.of("1234567", "JPY").formatted()).isEqualTo("1,234,567 JPY");
        assertThat(Money.of("35868.37", "EUR")).hasToString("35868.37 EUR");
    }

    @Test
    void sums_stay_at_the_currencys_scale() {
        Money sum = Money.of("0.10", "EUR").plus(Money.of("0.20", "EUR"));

        assertThat(sum).isEqualTo(Money.of("0.30", "EUR"));
        assertThat(Money.of("5", "JPY").minus(Money.of("2", "JPY"))).hasToString("3 JPY");
    }

    @Test
    void amounts_in_different_currencies_are_never_mixed() {
        assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EUR")
                .hasMessageContaining("USD");
        assertThatThrownBy(() -> Money.of("1", "EUR").compareTo(Money.of("1", "JPY")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
