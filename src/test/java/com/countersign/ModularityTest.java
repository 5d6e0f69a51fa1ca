package com.countersign;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    @Test
    void feature_packages_only_use_each_others_published_types() {
        ApplicationModules.of(Application.class).verify();
    }
}
