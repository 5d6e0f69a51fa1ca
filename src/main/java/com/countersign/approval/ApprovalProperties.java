package com.countersign.approval;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Timers of the risky-change process (ISO-8601, as BPMN timers take them) and the risk policy used
 * until an ADMIN saves one in the portal. recheckLockAfter: how often an approved change set that
 * waits for editing to be unlocked looks again, should the unlock's signal have been missed.
 * policyCurrency: the currency the policy's money thresholds are in; other currencies are converted
 * with the rates an ADMIN maintains.
 */
@ConfigurationProperties("countersign.approval")
record ApprovalProperties(String escalateAfter, String expireAfter, BigDecimal grossChangeThreshold,
        Integer highTierProformas, BigDecimal highTierTotalValue, String recheckLockAfter, String policyCurrency) {

    ApprovalProperties {
        escalateAfter = escalateAfter == null ? "PT24H" : escalateAfter;
        expireAfter = expireAfter == null ? "P7D" : expireAfter;
        grossChangeThreshold = grossChangeThreshold == null ? new BigDecimal("1000") : grossChangeThreshold;
        highTierProformas = highTierProformas == null ? 500 : highTierProformas;
        highTierTotalValue = highTierTotalValue == null ? new BigDecimal("100000") : highTierTotalValue;
        recheckLockAfter = recheckLockAfter == null ? "PT5M" : recheckLockAfter;
        policyCurrency = policyCurrency == null ? "EUR" : java.util.Currency.getInstance(policyCurrency).getCurrencyCode();
        requireIsoDuration(escalateAfter);
        requireIsoDuration(expireAfter);
        requireIsoDuration(recheckLockAfter);
    }

    RiskPolicySettings defaultPolicy() {
        return new RiskPolicySettings(grossChangeThreshold, highTierProformas, highTierTotalValue);
    }

    private static void requireIsoDuration(String text) {
        try {
            if (text.startsWith("PT")) {
                Duration.parse(text);
            } else {
                Period.parse(text);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not an ISO-8601 duration: " + text, e);
        }
    }
}
