package com.countersign.proforma;

import com.countersign.base.Money;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.Currency;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Net, tax and gross of a set of lines. Each line's net is rounded to the currency's scale; tax is
 * computed per tax rate on the summed net, as it is printed on the form. The breakdown is sorted
 * by rate, and looking a rate up ignores its scale (20 finds 20.00).
 */
public record Totals(Money net, Money tax, Money gross, Map<BigDecimal, Money> taxByRate) {

    public static Totals of(Currency currency, Collection<ProformaLine> lines) {
        Map<BigDecimal, Money> netByRate = new TreeMap<>();
        for (ProformaLine line : lines) {
            Money lineNet = new Money(line.quantity().multiply(line.unitPrice()), currency);
            netByRate.merge(plain(line.taxRate()), lineNet, Money::plus);
        }
        Money net = Money.zero(currency);
        Money tax = Money.zero(currency);
        SortedMap<BigDecimal, Money> taxByRate = new TreeMap<>();
        for (var entry : netByRate.entrySet()) {
            // exact product, rounded once by Money: rounding first to an intermediate scale would turn
            // 0.00495 into 0.0050 and then into 0.01
            Money rateTax = new Money(entry.getValue().amount().multiply(entry.getKey()).movePointLeft(2), currency);
            taxByRate.put(entry.getKey(), rateTax);
            net = net.plus(entry.getValue());
            tax = tax.plus(rateTax);
        }
        return new Totals(net, tax, net.plus(tax), Collections.unmodifiableSortedMap(taxByRate));
    }

    /** 20.00 and 20 are one rate, printed "20" (a bare stripTrailingZeros would print "2E+1"). */
    private static BigDecimal plain(BigDecimal rate) {
        BigDecimal stripped = rate.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
