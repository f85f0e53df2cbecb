package dev.wharf;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.wharf.archfixture.ReachesIntoDockerAdapter;
import dev.wharf.archfixture.ReachesIntoHcsAdapter;
import dev.wharf.archfixture.UsesDockerJavaOutsideDocker;
import dev.wharf.archfixture.UsesJackson2OutsideDocker;
import dev.wharf.archfixture.UsesJnaOutsideHcs;
import dev.wharf.docker.ArchFixtureDockerAdapter;
import dev.wharf.hcs.ArchFixtureHcsAdapter;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The house rules of ARCHITECTURE.md. Each rule is checked against the application, and against a
 * test-only class that breaks it, which proves the rule would catch the mistake.
 */
class ArchitectureTests {

    static final ArchRule DOCKER_JAVA_ONLY_IN_DOCKER = noClasses()
            .that().resideOutsideOfPackage("dev.wharf.docker..")
            .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
            .because("docker-java is an adapter detail; features use the engine port");

    static final ArchRule JACKSON_2_ONLY_IN_DOCKER = noClasses()
            .that().resideOutsideOfPackage("dev.wharf.docker..")
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind..", "com.fasterxml.jackson.core..")
            .because("Spring Boot 4 uses Jackson 3; docker-java's Jackson 2 stays inside the docker adapter");

    static final ArchRule JNA_ONLY_IN_HCS = noClasses()
            .that().resideOutsideOfPackage("dev.wharf.hcs..")
            .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
            .because("native bindings are an adapter detail of HCS/HCN");

    static final ArchRule DOCKER_ADAPTER_ONLY_THROUGH_ENGINE = noClasses()
            .that().resideOutsideOfPackage("dev.wharf.docker..")
            .should().dependOnClassesThat().resideInAPackage("dev.wharf.docker..")
            .because("features reach engines only through dev.wharf.engine");

    static final ArchRule HCS_ADAPTER_ONLY_THROUGH_ENGINE = noClasses()
            .that().resideOutsideOfPackage("dev.wharf.hcs..")
            .should().dependOnClassesThat().resideInAPackage("dev.wharf.hcs..")
            .because("features reach engines only through dev.wharf.engine");

    /** Each rule and a class that breaks it. */
    private static final Map<ArchRule, Class<?>> VIOLATORS = Map.of(
            DOCKER_JAVA_ONLY_IN_DOCKER, UsesDockerJavaOutsideDocker.class,
            JACKSON_2_ONLY_IN_DOCKER, UsesJackson2OutsideDocker.class,
            JNA_ONLY_IN_HCS, UsesJnaOutsideHcs.class,
            DOCKER_ADAPTER_ONLY_THROUGH_ENGINE, ReachesIntoDockerAdapter.class,
            HCS_ADAPTER_ONLY_THROUGH_ENGINE, ReachesIntoHcsAdapter.class);

    private static final JavaClasses APPLICATION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wharf");

    @TestFactory
    Iterable<DynamicTest> theApplicationKeepsEveryRule() {
        return VIOLATORS.keySet().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(APPLICATION)))
                .toList();
    }

    @TestFactory
    Iterable<DynamicTest> eachRuleCatchesAClassThatBreaksIt() {
        return VIOLATORS.entrySet().stream()
                .map(entry -> DynamicTest.dynamicTest(entry.getValue().getSimpleName(), () ->
                        assertThatThrownBy(() -> entry.getKey().check(classes(entry.getValue())))
                                .isInstanceOf(AssertionError.class)
                                .hasMessageContaining(entry.getValue().getName())))
                .toList();
    }

    @Test
    void adaptersMayUseTheirOwnLibraries() {
        JavaClasses adapters = classes(ArchFixtureDockerAdapter.class, ArchFixtureHcsAdapter.class);
        assertThatCode(() -> {
            DOCKER_JAVA_ONLY_IN_DOCKER.check(adapters);
            JACKSON_2_ONLY_IN_DOCKER.check(adapters);
            JNA_ONLY_IN_HCS.check(adapters);
        }).doesNotThrowAnyException();
    }

    private static JavaClasses classes(Class<?>... types) {
        return new ClassFileImporter().importClasses(types);
    }
}
