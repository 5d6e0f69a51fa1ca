package com.countersign.breaker;

import com.countersign.base.BannerNotice;
import com.countersign.base.db.WriteContext;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Managers see above every view that the breaker refuses someone, until they reset it in Recovery. */
@Component
class BreakerBanner implements BannerNotice {

    private final LoopBreakerService breaker;

    BreakerBanner(LoopBreakerService breaker) {
        this.breaker = breaker;
    }

    @Override
    public Optional<String> current() {
        if (!WriteContext.currentRoles().contains("MANAGER")) {
            return Optional.empty();
        }
        var trips = breaker.openTrips();
        if (trips.isEmpty()) {
            return Optional.empty();
        }
        String who = trips.size() == 1 ? trips.get(0).summary()
                : trips.size() + " actors were refused, the latest: " + trips.get(0).summary();
        return Optional.of("Loop breaker tripped: " + who + ". Their changes are refused until a manager resets"
                + " the breaker in Recovery.");
    }
}
