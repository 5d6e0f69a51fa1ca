package com.countersign.breaker;

import com.countersign.base.db.WriteContext;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The breaker for loops: the database refuses an actor who changed too many proformas within a
 * window without a change set (025-loop-breaker.sql); here managers see who tripped it and reset it
 * with a reason. The limit itself is the database owner's to change, not the portal's.
 */
@Service
@Transactional(readOnly = true)
public class LoopBreakerService {

    static final String READERS = "hasAnyRole('MANAGER', 'ADMIN')";

    private final LoopBreakerStore store;
    private final WriteContext writeContext;

    LoopBreakerService(LoopBreakerStore store, WriteContext writeContext) {
        this.store = store;
        this.writeContext = writeContext;
    }

    @PreAuthorize(READERS)
    public BreakerSettings settings() {
        return store.settings();
    }

    /** Actors refused right now, the latest first. */
    @PreAuthorize(READERS)
    public List<BreakerTrip> openTrips() {
        return store.open();
    }

    /**
     * The database's own words when it refuses ("Countersign breaker: ... cannot reset it"), without
     * the driver's prefix and the statement.
     */
    static String refusal(DataAccessException e) {
        String message = e.getMostSpecificCause().getMessage();
        int start = message == null ? -1 : message.indexOf("Countersign");
        if (start < 0) {
            return "The database refused to reset the breaker";
        }
        int end = message.indexOf('\n', start);
        return end < 0 ? message.substring(start) : message.substring(start, end);
    }

    @PreAuthorize(READERS)
    public List<BreakerTrip> recentlyReset(int limit) {
        return store.recentlyReset(limit);
    }

    /**
     * Lets the actor write again and clears their window. The database checks it again: a manager
     * named by the portal, not the actor who tripped it, and a reason; the reset is audited.
     */
    @PreAuthorize("hasRole('MANAGER')")
    @Transactional
    public void reset(long tripId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why the breaker is reset");
        }
        if (reason.strip().length() > 1000) {
            throw new IllegalArgumentException("The reason has at most 1000 characters");
        }
        writeContext.begin(reason.strip());
        boolean reset;
        try {
            reset = store.reset(tripId, reason.strip());
        } catch (DataAccessException e) {
            throw new IllegalStateException(refusal(e), e);
        }
        if (!reset) {
            throw new IllegalStateException("This breaker was reset already");
        }
    }
}
