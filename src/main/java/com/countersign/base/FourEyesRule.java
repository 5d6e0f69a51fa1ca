package com.countersign.base;

import java.util.Collection;
import java.util.Optional;

/**
 * The four-eyes rule every approval shares: nobody decides on their own request, and a second
 * approval comes from someone other than the first approver. Features wrap the refusal in their
 * own exception.
 *
 * @param subject what is decided on, as people read it ("change set 12", "deployment 3")
 * @param requestVerb how it came to be ("requested", "submitted")
 */
public record FourEyesRule(String subject, String requestVerb) {

    /** Why {@code decider} may not decide, or empty when they may. */
    public Optional<String> refusal(String requester, String decider, boolean secondApproval,
            Collection<String> firstApprovers) {
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
        return Optional.empty();
    }
}
