package com.countersign.base;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.base.FourEyesRule.Grant;
import com.countersign.base.FourEyesRule.Standing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one four-eyes rule, on its own: who may decide, judged only from what it is given. */
class FourEyesRuleTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);
    private final FourEyesRule rule = new FourEyesRule("change set 7", "requested");

    @Test
    void a_role_granted_long_ago_by_somebody_else_decides() {
        assertThat(refusal(new Grant("REVIEWER", null, List.of()))).isEmpty();
        assertThat(refusal(new Grant("REVIEWER", NOW.minus(DAY), List.of("ada", "bob")))).isEmpty();
    }

    @Test
    void a_role_younger_than_the_cooling_off_decides_nothing_until_it_has_passed() {
        assertThat(refusal(new Grant("REVIEWER", NOW.minus(DAY).plusSeconds(1), List.of("ada", "bob"))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("less than 24 h ago")
                        .contains(NOW.plusSeconds(1).toString()));
    }

    @Test
    void a_role_given_by_the_requester_never_decides_their_requests_however_old() {
        assertThat(refusal(new Grant("REVIEWER", null, List.of("sam", "bob"))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("was given REVIEWER by sam"));
        assertThat(refusal(new Grant("REVIEWER", NOW.minus(Duration.ofDays(400)), List.of("ada", "sam")))).isPresent();
    }

    @Test
    void one_own_role_of_the_step_is_enough_and_no_role_at_all_is_refused() {
        assertThat(refusal(new Grant("MANAGER", null, List.of("sam")), new Grant("REVIEWER", null, List.of())))
                .isEmpty();
        assertThat(refusal()).hasValueSatisfying(reason -> assertThat(reason).contains("holds no enabled role"));
    }

    private java.util.Optional<String> refusal(Grant... grants) {
        return rule.refusal("sam", "rita", false, List.of(), new Standing(List.of(grants), DAY, NOW));
    }
}
