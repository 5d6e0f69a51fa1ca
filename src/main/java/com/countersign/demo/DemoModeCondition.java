package com.countersign.demo;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Demo data appears by default only with the embedded database; against an external database only
 * when {@code countersign.demo.enabled=true} asks for it.
 */
class DemoModeCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment env = context.getEnvironment();
        String explicit = env.getProperty("countersign.demo.enabled");
        if (StringUtils.hasText(explicit)) {
            return Boolean.parseBoolean(explicit)
                    ? ConditionOutcome.match("countersign.demo.enabled=true")
                    : ConditionOutcome.noMatch("countersign.demo.enabled=false");
        }
        return StringUtils.hasText(env.getProperty("spring.datasource.url"))
                ? ConditionOutcome.noMatch("an external database is configured")
                : ConditionOutcome.match("the embedded demo database is used");
    }
}
