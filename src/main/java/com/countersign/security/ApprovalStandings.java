package com.countersign.security;

import com.countersign.base.FourEyesRule;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How a person holds the roles that decide an approval, for {@link FourEyesRule}: when each was
 * granted and by whom, with the cooling-off period ({@code countersign.approval.cooling-off}) a fresh
 * one waits out. Read from the database at each decision, so a role granted on another node counts.
 */
@Component
public class ApprovalStandings {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration coolingOff;

    ApprovalStandings(JdbcClient jdbc, Clock clock,
            @Value("${countersign.approval.cooling-off:PT24H}") Duration coolingOff) {
        if (coolingOff.isNegative()) {
            throw new IllegalArgumentException("countersign.approval.cooling-off cannot be negative: " + coolingOff);
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.coolingOff = coolingOff;
    }

    /** The roles among {@code deciding} that {@code username} holds on an enabled account. */
    public FourEyesRule.Standing of(String username, Role... deciding) {
        List<FourEyesRule.Grant> grants = jdbc.sql("""
                select r.role, r.granted_at, r.granted_by, r.approved_by
                  from app_user u join app_user_role r on r.user_id = u.id
                 where u.username = :username and u.enabled and r.role in (:roles)
                 order by r.role""")
                .param("username", username == null ? "" : username)
                .param("roles", Arrays.stream(deciding).map(Role::name).toList())
                .query((rs, n) -> {
                    OffsetDateTime at = rs.getObject("granted_at", OffsetDateTime.class);
                    List<String> by = new ArrayList<>(2);
                    for (String column : new String[] {"granted_by", "approved_by"}) {
                        if (rs.getString(column) != null) {
                            by.add(rs.getString(column));
                        }
                    }
                    return new FourEyesRule.Grant(rs.getString("role"), at == null ? null : at.toInstant(), by);
                })
                .list();
        return new FourEyesRule.Standing(grants, coolingOff, clock.instant());
    }

    public Duration coolingOff() {
        return coolingOff;
    }
}
