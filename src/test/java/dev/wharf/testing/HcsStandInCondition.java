package dev.wharf.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs stand-in tests only when the stand-in was built (gcc present). Without it a test is skipped with
 * the reason printed; under {@code CI=true} it fails instead.
 */
class HcsStandInCondition implements ExecutionCondition {

    /** Every library the binding loads, plus the control library the tests use. */
    static final List<String> LIBRARIES = List.of("libwharfstandin.so", "libcomputecore.so", "libkernel32.so",
            "libcomputenetwork.so", "libole32.so", "libadvapi32.so");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String problem = problem();
        if (problem == null) {
            return ConditionEvaluationResult.enabled("the HCS stand-in is built");
        }
        if (TestEnv.ci()) {
            throw new IllegalStateException("CI=true requires the HCS stand-in for " + context.getDisplayName() + ": " + problem);
        }
        System.err.println("[wharf-tests] " + context.getDisplayName() + " skipped: " + problem);
        return ConditionEvaluationResult.disabled(problem);
    }

    private static String problem() {
        String path = System.getProperty("jna.library.path");
        if (path == null || path.isBlank()) {
            return "jna.library.path is not set (run the tests through Maven)";
        }
        for (String library : LIBRARIES) {
            if (!Files.isRegularFile(Path.of(path, library))) {
                return Path.of(path, library) + " is missing: src/test/native/build.sh needs gcc";
            }
        }
        return null;
    }
}
