package org.broadcastallocation.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's ES modules, read from their {@code import ... from} lines: the shared modules (the HTTP API, the
 * formatting helpers, the store, the ui) below, the views above them, and the pages' entry points on top. A view
 * that imported the shell or another view would bring back the circle the store and the router replaced.
 */
class ConsoleModulesTest {

    private static final Path CONSOLE = Path.of("src/main/resources/static/console");
    private static final Set<String> SHARED = Set.of("api.js", "format.js", "store.js", "ui.js");
    /** The modules the pages load with a script tag: the console's shell and the broadcaster page. */
    private static final Set<String> PAGES = Set.of("app.js", "broadcaster.js");

    // Static imports and re-exports (also over several lines), side-effect imports, and dynamic imports.
    private static final Pattern IMPORT = Pattern.compile(
            "\\b(?:import|export)\\s[^'\";]*?\\bfrom\\s*['\"]([^'\"]+)['\"]"
                    + "|\\bimport\\s*['\"]([^'\"]+)['\"]"
                    + "|\\bimport\\s*\\(\\s*['\"]([^'\"]+)['\"]");

    private static Map<String, Set<String>> imports;

    @BeforeAll
    static void readTheModules() throws IOException {
        imports = new TreeMap<>();
        try (Stream<Path> files = Files.list(CONSOLE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                imports.put(file.getFileName().toString(), importsOf(Files.readString(file)));
            }
        }
    }

    private static Set<String> importsOf(String source) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = IMPORT.matcher(source);
        while (matcher.find()) {
            String target = Stream.of(matcher.group(1), matcher.group(2), matcher.group(3))
                    .filter(group -> group != null).findFirst().orElseThrow();
            found.add(Path.of(target).getFileName().toString());
        }
        return found;
    }

    private static Set<String> views() {
        return imports.keySet().stream().filter(module -> !SHARED.contains(module) && !PAGES.contains(module))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theModulesAreReadAndTheViewsAreFound() {
        assertThat(imports).containsKeys("app.js", "api.js", "store.js", "ui.js", "round.js", "timeline.js");
        assertThat(views()).contains("round.js", "timeline.js", "site.js", "conflicts.js", "organisation.js",
                "exports.js");
        assertThat(imports.get("app.js")).as("what app.js imports").contains("round.js", "store.js", "ui.js");
    }

    @Test
    void noModuleImportsTheShell() {
        assertThat(imports).allSatisfy((module, imported) ->
                assertThat(imported).as("what %s imports", module).doesNotContain("app.js"));
    }

    @Test
    void viewsImportOnlyTheSharedModules() {
        for (String view : views()) {
            assertThat(SHARED).as("what %s imports", view).containsAll(imports.get(view));
        }
    }

    @Test
    void onlyTheShellImportsViews() {
        imports.forEach((module, imported) -> {
            if (!module.equals("app.js")) {
                assertThat(imported).as("what %s imports", module).doesNotContainAnyElementsOf(views());
            }
        });
        assertThat(imports.get("app.js")).containsAll(views());
    }

    @Test
    void theImportsHaveNoCycle() {
        List<String> cycle = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (String module : imports.keySet()) {
            if (cycleFrom(module, new ArrayList<>(), done, cycle)) {
                break;
            }
        }
        assertThat(cycle).as("an import cycle").isEmpty();
    }

    /** Depth first; on a cycle, {@code cycle} holds it, from its first module back to that module. */
    private static boolean cycleFrom(String module, List<String> path, Set<String> done, List<String> cycle) {
        if (path.contains(module)) {
            cycle.addAll(path.subList(path.indexOf(module), path.size()));
            cycle.add(module);
            return true;
        }
        if (done.contains(module)) {
            return false;
        }
        path.add(module);
        for (String imported : imports.getOrDefault(module, Set.of())) {
            if (cycleFrom(imported, path, done, cycle)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        done.add(module);
        return false;
    }
}
