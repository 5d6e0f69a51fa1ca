package com.countersign.e2e;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Without Chromium here each journey is reported as skipped, with the reason, and the application
 * is not even started. On CI ({@code CI=true}) the journeys stay enabled, so they fail instead.
 */
final class ChromiumCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty() || Browser.chromiumPresent() || Browser.onCi()) {
            return ConditionEvaluationResult.enabled("Chromium present, or CI=true");
        }
        return ConditionEvaluationResult.disabled("Skipped: " + Browser.missingMessage() + ".");
    }
}
