package com.countersign.approval;

import com.countersign.base.db.WriteContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
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

    /** The figures of a previewed change that the policy looks at. */
    record Figures(int proformas, int statusChangesOfIssuedOrAccepted, boolean deletes, BigDecimal largestGrossChange,
            BigDecimal totalGross) {}

    record Assessment(boolean risky, RiskTier tier, List<String> reasons) {}

    Assessment assess(Figures figures) {
        RiskPolicySettings policy = settings();
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
        if (figures.largestGrossChange().compareTo(policy.grossChangeThreshold()) > 0) {
            reasons.add("changes a gross total by " + figures.largestGrossChange().setScale(2, java.math.RoundingMode.HALF_UP)
                    + ", above the threshold of " + policy.grossChangeThreshold());
        }
        boolean risky = !reasons.isEmpty();
        RiskTier tier = RiskTier.STANDARD;
        if (figures.proformas() > policy.highTierProformas()) {
            reasons.add("high tier: more than " + policy.highTierProformas() + " proformas");
            tier = RiskTier.HIGH;
        }
        if (figures.totalGross().compareTo(policy.highTierTotalValue()) > 0) {
            reasons.add("high tier: total gross value " + figures.totalGross().setScale(2, java.math.RoundingMode.HALF_UP)
                    + " is above " + policy.highTierTotalValue());
            tier = RiskTier.HIGH;
        }
        return new Assessment(risky, tier, List.copyOf(reasons));
    }
}
