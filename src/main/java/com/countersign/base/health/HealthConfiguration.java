package com.countersign.base.health;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every health check of /actuator/health answers within {@code countersign.health.timeout}. */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    @Bean
    static BeanPostProcessor timeBoundHealthChecks(@Value("${countersign.health.timeout:PT3S}") Duration limit) {
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "health-check");
            thread.setDaemon(true);
            return thread;
        });
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof HealthIndicator check && !(bean instanceof TimeBoundHealthIndicator)
                        ? new TimeBoundHealthIndicator(check, limit, executor) : bean;
            }
        };
    }
}
