package com.countersign.proforma;

import com.countersign.base.Money;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Currency;
import java.util.Map;
import java.util.TreeMap;

/**
 * Net, tax and gross of a set of lines. Each line's net is rounded to the currency's scale; tax is
 * computed per tax rate on the summed net, as it is printed on the form.
 */
public record Totals(Money net, Money tax, Money gross, Map<BigDecimal, Money> taxByRate) {

    public static Totals of(Currency currency, Collection<ProformaLine> lines) {
        Map<BigDecimal, Money> netByRate = new TreeMap<>();
        for (ProformaLine line : lines) {
            Money lineNet = new Money(line.quantity().multiply(line.unitPrice()), currency);
            netByRate.merge(line.taxRate().stripTrailingZeros(), lineNet, Money::plus);
        }
        Money net = Money.zero(currency);
        Money tax = Money.zero(currency);
        Map<BigDecimal, Money> taxByRate = new TreeMap<>();
        for (var entry : netByRate.entrySet()) {
            // exact product, rounded once by Money: rounding first to an intermediate scale would turn
            // 0.00495 into 0.0050 and then into 0.01
            Money rateTax = new Money(entry.getValue().amount().multiply(entry.getKey()).movePointLeft(2), currency);
            taxByRate.put(entry.getKey(), rateTax);
            net = net.plus(entry.getValue());
            tax = tax.plus(rateTax);
        }
        return new Totals(net, tax, net.plus(tax), Map.copyOf(taxByRate));
    }
}
