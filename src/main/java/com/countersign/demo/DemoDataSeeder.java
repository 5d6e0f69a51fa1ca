package com.countersign.demo;

import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaLine;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaStatus;
import com.countersign.security.DemoUsers;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * First start in demo mode: one user per role and realistic sample proformas, written through the
 * same service (and so the same checks and history) as any edit.
 */
@Component
@Conditional(DemoModeCondition.class)
class DemoDataSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);

    private static final String[] COMPANIES = {"Acme Tools", "Baltic Timber", "Nordlicht Optik", "Helvetia Print",
        "Danube Logistics", "Vltava Glassworks", "Iberia Solar", "Brennero Foods", "Kraków Robotics", "Atlantic Marine",
        "Alpine Dairy", "Rhine Chemicals", "Fjord Software", "Tatra Textiles", "Adriatic Stone"};
    private static final String[] CITIES = {"Berlin", "Vienna", "Prague", "Warsaw", "Lyon", "Milan", "Zurich",
        "Copenhagen", "Oslo", "Porto", "Ghent", "Tallinn"};
    private static final String[] ITEMS = {"Consulting day", "Installation service", "Steel bracket M8",
        "Annual support licence", "Training workshop", "Spare parts kit", "Freight to site", "Calibration",
        "Design review", "Pallet of timber boards"};
    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "CHF", "PLN", "CZK", "USD"};
    private static final ProformaStatus[] STATUSES = {ProformaStatus.DRAFT, ProformaStatus.ISSUED,
        ProformaStatus.ISSUED, ProformaStatus.ACCEPTED, ProformaStatus.CANCELLED};

    private final DemoUsers users;
    private final ProformaService proformas;
    private final Clock clock;
    private final int count;

    DemoDataSeeder(DemoUsers users, ProformaService proformas, Clock clock,
            @Value("${countersign.demo.proformas:200}") int count) {
        this.users = users;
        this.proformas = proformas;
        this.clock = clock;
        this.count = count;
    }

    @Override
    public void run(ApplicationArguments args) {
        users.ensurePresent();
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(
                "demo-seeder", null, AuthorityUtils.createAuthorityList("ROLE_STAFF")));
        try {
            if (count > 0 && proformas.count(ProformaFilter.ALL) == 0) {
                Random random = new Random(20240509L);
                LocalDate today = LocalDate.now(clock);
                for (int i = 0; i < count; i++) {
                    proformas.create(sample(random, today));
                }
                log.info("Seeded {} sample proformas", count);
            }
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    static ProformaContent sample(Random random, LocalDate today) {
        String company = COMPANIES[random.nextInt(COMPANIES.length)];
        String city = CITIES[random.nextInt(CITIES.length)];
        LocalDate issued = today.minusDays(random.nextInt(365));
        List<ProformaLine> lines = new ArrayList<>();
        int lineCount = 1 + random.nextInt(6);
        for (int j = 0; j < lineCount; j++) {
            lines.add(new ProformaLine(ITEMS[random.nextInt(ITEMS.length)], BigDecimal.valueOf(1 + random.nextInt(20)),
                    BigDecimal.valueOf(500 + random.nextInt(200_000), 2),
                    BigDecimal.valueOf(new int[] {0, 7, 19, 20, 21}[random.nextInt(5)])));
        }
        return new ProformaContent(company + (random.nextBoolean() ? " GmbH" : " Ltd"),
                (1 + random.nextInt(200)) + " Market Street\n" + (10000 + random.nextInt(89999)) + " " + city,
                random.nextInt(4) == 0 ? null : "DE" + (100000000 + random.nextInt(899999999)),
                issued, issued.plusDays(14 + random.nextInt(60)), Currency.getInstance(CURRENCIES[random.nextInt(CURRENCIES.length)]),
                STATUSES[random.nextInt(STATUSES.length)], random.nextInt(3) == 0 ? "Payment 50% in advance." : null,
                lines);
    }
}
