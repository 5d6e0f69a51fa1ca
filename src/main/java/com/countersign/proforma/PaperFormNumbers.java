package com.countersign.proforma;

import java.util.Optional;

/**
 * Whether a printed paper form number may be typed in now, asked when its form opens, so that nobody
 * types a whole form for a number that is then refused at save. The save still checks again in its
 * own transaction ({@link PaperFormEntered}): this is for the person, not the guarantee.
 */
public interface PaperFormNumbers {

    /** Why the number cannot be entered, in words for the person; empty when it is reserved and open. */
    Optional<String> whyNotEnterable(String number);
}
