package org.broadcastallocation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The shape of the code, checked by the build: each top-level package is a module, the modules depend on each other
 * without cycles and only through what each exposes, and the engine (what the command line runs on its own) stays
 * free of Spring. The module diagram in docs/modules/ is written from the same model, so it cannot drift.
 */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(Application.class);

    @Test
    void theModulesDependOnEachOtherWithoutCyclesAndOnlyThroughWhatEachExposes() {
        MODULES.verify();
    }

    @Test
    void theEngineRunsWithoutSpring() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.broadcastallocation");
        noClasses().that().resideInAnyPackage("org.broadcastallocation.allocation..",
                        "org.broadcastallocation.engine..", "org.broadcastallocation.problem..",
                        "org.broadcastallocation.report..", "org.broadcastallocation.samples..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .because("the command line and the benchmarks solve without a Spring context, and the engine's"
                        + " tests need none")
                .check(classes);
    }

    @Test
    void writesTheModuleDiagramIntoTheDocs() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
