package com.countersign.approval;

import com.countersign.base.db.WriteContext;
import com.countersign.base.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides whether a change is risky and which tier of approval it needs. Starts from the
 * application properties; once an ADMIN saves settings in the portal those apply, and every save is
 * kept in the audit table with the settings before and after.
 */
@Service
@Transactional(readOnly = true)
public class RiskPolicy {

    private final JdbcClient jdbc;
    private final ApprovalProperties properties;

    RiskPolicy(JdbcClient jdbc, ApprovalProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @PreAuthorize("isAuthenticated()")
    public RiskPolicySettings current() {
        return settings();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public RiskPolicySettings update(RiskPolicySettings settings, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why the risk policy changes");
        }
        String actor = WriteContext.currentActor();
        jdbc.sql("""
                insert into risk_policy_audit (changed_by, reason, before, after)
                values (:by, :reason,
                        (select to_jsonb(r) - 'id' - 'updated_at' - 'updated_by' from risk_policy r),
                        jsonb_build_object('gross_change_threshold', cast(:threshold as numeric),
                                           'high_tier_proformas', cast(:proformas as integer),
                                           'high_tier_total_value', cast(:total as numeric)))
                """)
                .param("by", actor).param("reason", reason.strip())
                .param("threshold", settings.grossChangeThreshold()).param("proformas", settings.highTierProformas())
                .param("total", settings.highTierTotalValue())
                .update();
        jdbc.sql("""
                insert into risk_policy (id, gross_change_threshold, high_tier_proformas, high_tier_total_value,
                                         updated_at, updated_by)
                values (1, :threshold, :proformas, :total, now(), :by)
                on conflict (id) do update set gross_change_threshold = excluded.gross_change_threshold,
                    high_tier_proformas = excluded.high_tier_proformas,
                    high_tier_total_value = excluded.high_tier_total_value,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """)
                .param("threshold", settings.grossChangeThreshold()).param("proformas", settings.highTierProformas())
                .param("total", settings.highTierTotalValue()).param("by", actor)
                .update();
        return settings();
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<RiskPolicyChange> history() {
        return jdbc.sql("""
                select changed_at, changed_by, reason, before::text as before, after::text as after
                  from risk_policy_audit order by id desc
                """)
                .query((rs, n) -> new RiskPolicyChange(rs.getTimestamp("changed_at").toInstant(),
                        rs.getString("changed_by"), rs.getString("reason"), rs.getString("before"),
                        rs.getString("after")))
                .list();
    }

    RiskPolicySettings settings() {
        return jdbc.sql("select gross_change_threshold, high_tier_proformas, high_tier_total_value from risk_policy")
                .query((rs, n) -> new RiskPolicySettings(rs.getBigDecimal(1), rs.getInt(2), rs.getBigDecimal(3)))
                .optional()
                .orElseGet(properties::defaultPolicy);
    }

    /**
     * The figures of a previewed change that the policy looks at. Money is per currency code: the
     * largest change of one proforma's gross, and the gross at stake, never added across currencies.
     */
    record Figures(int proformas, int statusChangesOfIssuedOrAccepted, boolean deletes,
            Map<String, BigDecimal> largestGrossChange, Map<String, BigDecimal> totalGross) {

        Figures {
            largestGrossChange = Map.copyOf(largestGrossChange);
            totalGross = Map.copyOf(totalGross);
        }
    }

    record Assessment(boolean risky, RiskTier tier, List<String> reasons) {}

    Assessment assess(Figures figures) {
        RiskPolicySettings policy = settings();
        Rates rates = new Rates(properties.policyCurrency(), currentRates());
        List<String> reasons = new ArrayList<>();
        if (figures.proformas() > 1) {
            reasons.add("touches " + figures.proformas() + " proformas");
        }
        if (figures.deletes()) {
            reasons.add("deletes " + (figures.proformas() == 1 ? "a proforma" : "proformas"));
        }
        if (figures.statusChangesOfIssuedOrAccepted() > 0) {
            reasons.add("changes the status of " + figures.statusChangesOfIssuedOrAccepted()
                    + " ISSUED or ACCEPTED proforma(s)");
        }
        figures.largestGrossChange().entrySet().stream()
                .max(Comparator.comparing(e -> rates.convert(e.getKey(), e.getValue())))
                .filter(e -> rates.convert(e.getKey(), e.getValue()).compareTo(policy.grossChangeThreshold()) > 0)
                .ifPresent(e -> reasons.add("changes a gross total by " + rates.describe(e.getKey(), e.getValue())
                        + ", above the threshold of " + rates.inPolicyCurrency(policy.grossChangeThreshold())));
        boolean risky = !reasons.isEmpty();
        RiskTier tier = RiskTier.STANDARD;
        if (figures.proformas() > policy.highTierProformas()) {
            reasons.add("high tier: more than " + policy.highTierProformas() + " proformas");
            tier = RiskTier.HIGH;
        }
        BigDecimal total = figures.totalGross().entrySet().stream()
                .map(e -> rates.convert(e.getKey(), e.getValue())).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(policy.highTierTotalValue()) > 0) {
            reasons.add("high tier: total gross value " + rates.inPolicyCurrency(total)
                    + perCurrency(figures.totalGross(), rates)
                    + " is above " + rates.inPolicyCurrency(policy.highTierTotalValue()));
            tier = RiskTier.HIGH;
        }
        return new Assessment(risky, tier, List.copyOf(reasons));
    }

    private static String perCurrency(Map<String, BigDecimal> amounts, Rates rates) {
        if (amounts.size() < 2) {
            return "";
        }
        return amounts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> rates.describe(e.getKey(), e.getValue()))
                .collect(Collectors.joining(" + ", " (", ")"));
    }

    static String money(String currency, BigDecimal amount) {
        return new Money(amount, Currency.getInstance(currency)).formatted();
    }

    /** The exchange rates an ADMIN keeps, newest first by currency. */
    @PreAuthorize("isAuthenticated()")
    public List<CurrencyRate> rates() {
        return currentRates().values().stream().sorted(Comparator.comparing(CurrencyRate::currency)).toList();
    }

    /** The currency the thresholds are in. */
    public String policyCurrency() {
        return properties.policyCurrency();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public CurrencyRate setRate(String currency, BigDecimal rate, LocalDate asOf, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say where the rate comes from");
        }
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("Pick a currency");
        }
        Currency.getInstance(currency);
        if (currency.equals(properties.policyCurrency())) {
            throw new IllegalArgumentException(currency + " is the policy's own currency; its rate is always 1");
        }
        if (rate == null || rate.signum() <= 0) {
            throw new IllegalArgumentException("A rate is a positive number: what one " + currency + " is worth in "
                    + properties.policyCurrency());
        }
        if (asOf == null) {
            throw new IllegalArgumentException("Say on which date the rate was published");
        }
        String actor = WriteContext.currentActor();
        jdbc.sql("""
                insert into risk_policy_audit (changed_by, reason, before, after)
                values (:by, :reason,
                        (select jsonb_build_object('currency_rate', to_jsonb(r) - 'set_at') from currency_rate r
                          where r.currency = :currency),
                        jsonb_build_object('currency_rate', jsonb_build_object('currency', cast(:currency as text),
                            'rate', cast(:rate as numeric), 'as_of', cast(:asOf as date), 'set_by', cast(:by as text))))
                """).param("by", actor).param("reason", reason.strip()).param("currency", currency)
                .param("rate", rate).param("asOf", asOf).update();
        jdbc.sql("""
                insert into currency_rate (currency, rate, as_of, set_by) values (:currency, :rate, :asOf, :by)
                on conflict (currency) do update set rate = excluded.rate, as_of = excluded.as_of,
                    set_by = excluded.set_by, set_at = now()
                """).param("currency", currency).param("rate", rate).param("asOf", asOf).param("by", actor).update();
        return currentRates().get(currency);
    }

    private Map<String, CurrencyRate> currentRates() {
        return jdbc.sql("select currency, rate, as_of, set_by from currency_rate")
                .query((rs, n) -> new CurrencyRate(rs.getString("currency").trim(), rs.getBigDecimal("rate"),
                        rs.getDate("as_of").toLocalDate(), rs.getString("set_by")))
                .list().stream().collect(Collectors.toMap(CurrencyRate::currency, r -> r));
    }

    /**
     * Conversion into the policy currency, and how a converted amount is shown (with its rate and date).
     * A currency without a rate is weighed at face value (1 CZK as 1 EUR), and every figure says so: an
     * office that has not set rates yet keeps working, and errs towards more approvals for the
     * currencies worth less than the policy's.
     */
    private record Rates(String policyCurrency, Map<String, CurrencyRate> rates) {

        BigDecimal convert(String currency, BigDecimal amount) {
            CurrencyRate rate = rates.get(currency);
            return rate == null ? amount : amount.multiply(rate.rate());
        }

        String inPolicyCurrency(BigDecimal amount) {
            return money(policyCurrency, amount);
        }

        String describe(String currency, BigDecimal amount) {
            if (currency.equals(policyCurrency)) {
                return money(currency, amount);
            }
            CurrencyRate rate = rates.get(currency);
            if (rate == null) {
                return money(currency, amount) + ", no rate set: counted as " + inPolicyCurrency(amount);
            }
            return money(currency, amount) + " ≈ " + inPolicyCurrency(convert(currency, amount)) + " at "
                    + rate.rate().stripTrailingZeros().toPlainString() + " " + policyCurrency + " per " + currency
                    + " of " + rate.asOf();
        }
    }
}
