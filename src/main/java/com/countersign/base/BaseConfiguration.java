package com.countersign.base;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BaseConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
