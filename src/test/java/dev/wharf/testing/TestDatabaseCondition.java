package dev.wharf.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a database test only when its database is there. H2 always is. Without a reachable PostgreSQL
 * the test is skipped with the reason printed, and under {@code CI=true} it fails instead: CI must
 * prove the migrations and repositories on a real server.
 */
class TestDatabaseCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestDatabase.postgres()) {
            return ConditionEvaluationResult.enabled("H2 is embedded");
        }
        Optional<String> problem = TestDatabase.PostgresServer.configured()
                .map(server -> server.problem())
                .orElse(Optional.of("no PostgreSQL configured: run 'sudo docker/test-env.sh start' or set WHARF_TEST_POSTGRES_URL"));
        if (problem.isEmpty()) {
            return ConditionEvaluationResult.enabled("PostgreSQL answers");
        }
        if (TestEnv.ci()) {
            throw new IllegalStateException("CI=true requires PostgreSQL for " + context.getDisplayName() + ": " + problem.get());
        }
        String reason = "Skipped on PostgreSQL: " + problem.get();
        System.err.println("[wharf-tests] " + context.getDisplayName() + ": " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }
}
