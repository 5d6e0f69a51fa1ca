package com.countersign.approval;

import com.countersign.security.People;
import com.countersign.security.Role;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who can approve a change set, asked when it is submitted: a request that nobody may ever approve
 * (a high-tier restore asked by the only manager) is refused at once with the reason, instead of
 * waiting until it expires with nobody told. The same four-eyes rule as the decisions: the requester
 * never, the review by a reviewer (or a manager once escalated), the high tier's second approval by
 * a manager other than the one who approved first.
 */
@Component
class Approvers {

    private final People people;

    Approvers(People people) {
        this.people = people;
    }

    record Eligible(List<String> review, List<String> secondApproval) {

        /** How the change set's timeline and the requester read it. */
        String describe() {
            return "Can be reviewed by " + String.join(", ", review)
                    + (secondApproval.isEmpty() ? "" : "; the second approval by " + String.join(", ", secondApproval));
        }
    }

    /** The people who can approve, or an IllegalArgumentException saying why nobody can. */
    Eligible of(String requester, boolean highTier) {
        Set<String> reviewers = new LinkedHashSet<>(people.withRole(Role.REVIEWER));
        reviewers.addAll(people.withRole(Role.MANAGER));
        reviewers.remove(requester);
        if (reviewers.isEmpty()) {
            throw new IllegalArgumentException("Nobody could approve this: besides you (" + requester + ") there is no "
                    + "reviewer or manager with an enabled account. Ask an administrator to give someone the REVIEWER "
                    + "role; nothing was submitted.");
        }
        if (!highTier) {
            return new Eligible(List.copyOf(reviewers), List.of());
        }
        List<String> managers = new ArrayList<>(people.withRole(Role.MANAGER));
        managers.remove(requester);
        // two different people: a reviewer first, then a manager who is not that reviewer
        boolean twoPeople = managers.stream().anyMatch(m -> reviewers.stream().anyMatch(r -> !r.equals(m)));
        if (!twoPeople) {
            throw new IllegalArgumentException("Nobody could approve this: it is high-risk and needs a review and then a "
                    + "second approval by a manager, two people other than you (" + requester + "), but "
                    + (managers.isEmpty() ? "there is no other manager" : "the only other manager (" + managers.get(0)
                            + ") would have to approve twice")
                    + ". Ask an administrator to give a second person the MANAGER role, or make the change smaller; "
                    + "nothing was submitted.");
        }
        return new Eligible(List.copyOf(reviewers), List.copyOf(managers));
    }
}
