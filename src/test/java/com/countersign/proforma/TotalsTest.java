package com.countersign.proforma;

import static com.countersign.support.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.base.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class TotalsTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void net_tax_and_gross_of_lines_with_mixed_tax_rates() {
        Totals totals = Totals.of(EUR, List.of(
                line("Consulting day", "2", "850.00", "20"),
                line("Book", "3", "12.99", "7"),
                line("Training", "1", "100", "20.00")));

        assertThat(totals.net()).isEqualTo(Money.of("1838.97", "EUR"));
        // 20 % of 1800.00 = 360.00; 7 % of 38.97 = 2.7279 -> 2.73
        assertThat(totals.tax()).isEqualTo(Money.of("362.73", "EUR"));
        assertThat(totals.gross()).isEqualTo(Money.of("2201.70", "EUR"));
        assertThat(totals.taxByRate()).hasSize(2);
    }

    @Test
    void each_lines_net_is_rounded_to_the_currency_before_summing() {
        // 3 x 0.335 = 1.005 -> 1.01 per line; two lines 2.02 (not 2.01 from 2.010)
        Totals totals = Totals.of(EUR, List.of(line("A", "3", "0.335", "0"), line("B", "3", "0.335", "0")));

        assertThat(totals.net()).isEqualTo(Money.of("2.02", "EUR"));
        assertThat(totals.gross()).isEqualTo(Money.of("2.02", "EUR"));
    }

    @Test
    void yen_amounts_have_no_decimals() {
        Totals totals = Totals.of(JPY, List.of(line("Sensor", "3", "333.4", "10"), line("Cable", "1", "99", "8")));

        // 1000.2 -> 1000; 99; tax 100 + 7.92 -> 8
        assertThat(totals.net().amount()).hasToString("1099");
        assertThat(totals.tax().amount()).hasToString("108");
        assertThat(totals.gross().amount()).hasToString("1207");
    }

    @Test
    void tax_is_rounded_once_from_the_exact_amount() {
        // 0.5 % of 100.99 is exactly 0.50495: that is 0.50, not 0.51 (0.50495 -> 0.5050 -> 0.51 rounds twice)
        assertThat(Totals.of(EUR, List.of(line("Fee", "1", "100.99", "0.5"))).tax()).isEqualTo(Money.of("0.50", "EUR"));
        // 0.5 % of 99 yen is 0.495 yen: 0, not 1
        assertThat(Totals.of(JPY, List.of(line("Fee", "1", "99", "0.5"))).tax()).isEqualTo(Money.of("0", "JPY"));
    }

    @Test
    void the_tax_breakdown_is_keyed_by_the_rate_as_people_write_it() {
        Totals totals = Totals.of(EUR, List.of(line("A", "1", "10", "20.00"), line("B", "1", "10", "7.50")));

        assertThat(totals.taxByRate().keySet()).extracting(BigDecimal::toString).containsExactlyInAnyOrder("20", "7.5");
        assertThat(totals.taxByRate().get(new BigDecimal("20.00"))).isEqualTo(Money.of("2.00", "EUR"));
    }

    @Test
    void no_lines_make_zero_totals() {
        Totals totals = Totals.of(EUR, List.of());

        assertThat(totals.gross()).isEqualTo(Money.zero(EUR));
        assertThat(totals.taxByRate()).isEmpty();
    }
}
