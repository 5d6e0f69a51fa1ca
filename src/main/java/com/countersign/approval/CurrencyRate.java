package com.countersign.approval;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What one unit of {@code currency} is worth in the risk policy's currency, published on {@code asOf}. */
public record CurrencyRate(String currency, BigDecimal rate, LocalDate asOf, String setBy) {}
