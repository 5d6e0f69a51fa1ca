package com.countersign.approval;

import com.countersign.lock.EditingUnlocked;
import org.flowable.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Wakes every change set that waits for editing to be unlocked, on whichever node it waits: the
 * signal's subscriptions are rows in the shared database. Delivered asynchronously, which inside the
 * unlocking transaction only inserts one job per waiting change set (the async executor of any node
 * then applies it), so the unlock cannot fail on a process that moves at the same moment, and a
 * crash between the two cannot happen: both commit together. The timer of the wait is the fallback.
 */
@Component
class EditingUnlockedSignal {

    private final RuntimeService runtime;

    EditingUnlockedSignal(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    void wakeTheWaiting(EditingUnlocked unlocked) {
        runtime.signalEventReceivedAsync(EditingWait.UNLOCKED_SIGNAL);
    }
}
