package com.countersign.proforma;

import java.util.List;

/** The currencies a proforma can be written in: the editor offers them, the risk policy keeps rates for them. */
public final class ProformaCurrencies {

    public static final List<String> CODES = List.of("EUR", "USD", "GBP", "CHF", "PLN", "CZK", "SEK", "DKK", "NOK", "JPY");

    private ProformaCurrencies() {}
}
