package org.broadcastallocation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    private static final Path DOCS = Path.of("docs", "modules");

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
    void writesTheModuleDiagramIntoTheDocs() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        try (var files = Files.list(DOCS)) {
            for (var file : files.filter(path -> path.toString().endsWith(".puml")).toList()) {
                Files.write(file, inStableOrder(Files.readAllLines(file)));
            }
        }
    }

    /**
     * The documenter lists components and relations in hash order, which changes from run to run; sorted within each
     * run of like lines, a build without a change in the modules leaves the committed diagrams as they are.
     */
    private static List<String> inStableOrder(List<String> lines) {
        var sorted = new ArrayList<String>();
        var run = new ArrayList<String>();
        String kind = null;
        for (String line : lines) {
            String lineKind = line.trim().startsWith("Rel(") ? "Rel(" : line.trim().startsWith("Component(")
                    ? "Component(" : null;
            if (lineKind == null || !lineKind.equals(kind)) {
                run.sort(null);
                sorted.addAll(run);
                run.clear();
            }
            kind = lineKind;
            if (lineKind == null) {
                sorted.add(line);
            } else {
                run.add(line);
            }
        }
        run.sort(null);
        sorted.addAll(run);
        return sorted;
    }
}
