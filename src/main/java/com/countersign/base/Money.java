package com.countersign.base;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/** An amount in one currency, always at that currency's scale (2 for EUR, 0 for JPY, 3 for BHD). */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        amount = amount.setScale(scaleOf(currency), RoundingMode.HALF_UP);
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public static int scaleOf(Currency currency) {
        return Math.max(currency.getDefaultFractionDigits(), 0);
    }

    /**
     * The same scale in SQL, for a column holding a currency code: {@code round(x, <this>)} rounds an
     * amount as {@link Money} does (0 for JPY, 3 for BHD, 2 for EUR and anything unknown).
     */
    public static String sqlScaleOf(String currencyColumn) {
        return SQL_SCALE.formatted(currencyColumn);
    }

    private static final String SQL_SCALE = Currency.getAvailableCurrencies().stream()
            .filter(c -> c.getDefaultFractionDigits() >= 0 && c.getDefaultFractionDigits() != 2)
            .sorted(java.util.Comparator.comparing(Currency::getCurrencyCode))
            .map(c -> "when '" + c.getCurrencyCode() + "' then " + c.getDefaultFractionDigits())
            .collect(java.util.stream.Collectors.joining(" ", "(case %s ", " else 2 end)"));

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    /**
     * For people: the amount with thousands grouped, {@code 35,868.37 EUR}, at the currency's scale.
     * {@link #toString()} stays plain (no grouping) for files and logs that are read by programs.
     */
    public String formatted() {
        java.text.DecimalFormat format = new java.text.DecimalFormat("#,##0",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ENGLISH));
        format.setMinimumFractionDigits(amount.scale() > 0 ? amount.scale() : 0);
        format.setMaximumFractionDigits(Math.max(amount.scale(), 0));
        return format.format(amount) + " " + currency.getCurrencyCode();
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot mix " + currency + " and " + other.currency);
        }
    }
}
