package dev.wharf.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs engine tests only when the real test engines answer. Without them a test is skipped with the
 * reason printed; under {@code CI=true} it fails instead.
 */
class TestEnginesCondition implements ExecutionCondition {

    private static volatile Optional<String> problem;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (problem == null) {
            problem = TestEngines.problem();
        }
        if (problem.isEmpty()) {
            return ConditionEvaluationResult.enabled("test engines answer");
        }
        if (TestEnv.ci()) {
            throw new IllegalStateException("CI=true requires the test engines for " + context.getDisplayName() + ": " + problem.get());
        }
        System.err.println("[wharf-tests] " + context.getDisplayName() + " skipped: " + problem.get());
        return ConditionEvaluationResult.disabled(problem.get());
    }
}
