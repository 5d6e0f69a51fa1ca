package com.countersign.demo;

import com.countersign.proforma.ProformaContent;
import java.time.LocalDate;
import java.util.Random;

/** The demo seeder's sample proformas for tests that need realistic-looking data (the README's screenshots). */
public final class DemoSamples {

    private DemoSamples() {}

    public static ProformaContent sample(Random random, LocalDate today) {
        return DemoDataSeeder.sample(random, today);
    }
}
