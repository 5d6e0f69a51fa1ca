package com.countersign.base;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The four-eyes rule every approval shares: nobody decides on their own request, a second approval
 * comes from someone other than the first approver, and the decider decides by a role that is their
 * own: held longer than the cooling-off period (an account made for the purpose cannot approve at
 * once) and not given to them by the requester (an ADMIN's helper account never decides the ADMIN's
 * requests). Features wrap the refusal in their own exception.
 *
 * @param subject what is decided on, as people read it ("change set 12", "deployment 3")
 * @param requestVerb how it came to be ("requested", "submitted")
 */
public record FourEyesRule(String subject, String requestVerb) {

    /**
     * A role that decides this step, as the decider holds it.
     *
     * @param grantedAt null when granted before grants were recorded, or to a demo user: long ago
     * @param grantedBy who asked for it and who approved it (empty when nobody known)
     */
    public record Grant(String role, Instant grantedAt, List<String> grantedBy) {}

    /** The decider's roles that decide this step (none: they may not decide it at all), judged at {@code now}. */
    public record Standing(List<Grant> grants, Duration coolingOff, Instant now) {

        boolean matured(Grant grant) {
            return grant.grantedAt() == null || !grant.grantedAt().plus(coolingOff).isAfter(now);
        }
    }

    /** Why {@code decider} may not decide, or empty when they may. */
    public Optional<String> refusal(String requester, String decider, boolean secondApproval,
            Collection<String> firstApprovers, Standing standing) {
        if (decider == null) {
            return Optional.of("A decision on " + subject + " needs a named person");
        }
        if (decider.equals(requester)) {
            return Optional.of(decider + " " + requestVerb + " " + subject + " and cannot decide on it: someone else must");
        }
        if (secondApproval && firstApprovers.contains(decider)) {
            return Optional.of(decider + " already approved " + subject
                    + "; the second approval must come from another manager");
        }
        return standingRefusal(requester, decider, standing);
    }

    private Optional<String> standingRefusal(String requester, String decider, Standing standing) {
        if (standing.grants().isEmpty()) {
            return Optional.of(decider + " holds no enabled role that decides " + subject);
        }
        List<Grant> notFromRequester = standing.grants().stream()
                .filter(g -> requester == null || !g.grantedBy().contains(requester)).toList();
        if (notFromRequester.isEmpty()) {
            return Optional.of(decider + " was given " + roles(standing.grants()) + " by " + requester + ", who "
                    + requestVerb + " " + subject + ": nobody decides on a request of the person who gave them the role");
        }
        if (notFromRequester.stream().noneMatch(standing::matured)) {
            Instant from = notFromRequester.stream().map(g -> g.grantedAt().plus(standing.coolingOff()))
                    .min(Comparator.naturalOrder()).orElseThrow();
            return Optional.of(decider + " was given " + roles(notFromRequester) + " less than "
                    + readable(standing.coolingOff()) + " ago: a fresh approving role decides nothing before " + from
                    + ", so " + subject + " needs somebody else");
        }
        return Optional.empty();
    }

    private static String roles(List<Grant> grants) {
        return grants.stream().map(Grant::role).collect(Collectors.joining(" and "));
    }

    private static String readable(Duration duration) {
        return duration.toMinutes() % 60 == 0 ? duration.toHours() + " h" : duration.toMinutes() + " min";
    }
}
