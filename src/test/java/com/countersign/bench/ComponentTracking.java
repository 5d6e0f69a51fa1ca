package com.countersign.bench;

import com.vaadin.flow.component.internal.ComponentTracker;
import java.lang.reflect.Field;

/**
 * Vaadin's development mode records where every component was created and attached (a stack trace
 * frame per component, for the IDE plugin) in static maps; production mode never does. The test JVM
 * runs in development mode, so the benchmark switches the tracker the way production mode would.
 */
final class ComponentTracking {

    private ComponentTracking() {}

    static void off() {
        set(Boolean.TRUE);
    }

    static void on() {
        set(Boolean.FALSE);
    }

    private static void set(Boolean disabled) {
        try {
            Field field = ComponentTracker.class.getDeclaredField("disabled");
            field.setAccessible(true);
            field.set(null, disabled);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Vaadin's ComponentTracker changed; update the benchmark", e);
        }
    }
}
