package org.broadcastallocation.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.broadcastallocation.common.Json;
import org.broadcastallocation.engine.AllocationEngine.Strategy;
import org.broadcastallocation.engine.AllocationEngine;
import org.broadcastallocation.report.AllocationReport;
import org.broadcastallocation.rounds.RoundStatus;

/**
 * The JSON Schemas in {@code docs/schema/} (described in {@code docs/allocation-model.md}) against the code, so that
 * neither drifts from the other: every sample document and every report the engine writes validates; the schemas
 * refuse what the validator refuses on its own terms (a type, a centimetre, an id); and each object in them has
 * exactly the properties Jackson reads and writes for its record, with the enums of the Java constants.
 */
class SchemaTest {

    private static final Path PROBLEM_SCHEMA = Path.of("docs", "schema", "problem.schema.json");
    private static final Path REPORT_SCHEMA = Path.of("docs", "schema", "report.schema.json");

    private static JsonNode problemSchemaTree;
    private static JsonNode reportSchemaTree;
    private static Schema problemSchema;
    private static Schema reportSchema;
    private static AllocationEngine engine;

    @BeforeAll
    static void loadSchemas() throws IOException {
        problemSchemaTree = Json.mapper().readTree(Files.readString(PROBLEM_SCHEMA));
        reportSchemaTree = Json.mapper().readTree(Files.readString(REPORT_SCHEMA));
        // Draft 2020-12 treats "format" as a note only; the documents' timestamps and dates are checked here too.
        var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        problemSchema = registry.getSchema(problemSchemaTree);
        reportSchema = registry.getSchema(reportSchemaTree);
        engine = AllocationEngine.withProjectConfig();
    }

    @Test
    void everyDataSampleIsAValidDocumentOfItsKindAndEveryExportToo() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.list(Path.of("data-samples"))) {
            samples = new ArrayList<>(files.filter(path -> path.toString().endsWith(".json")).sorted().toList());
        }
        samples.add(Path.of("src", "test", "resources", "decimal-metres.json"));
        assertThat(samples).hasSizeGreaterThanOrEqualTo(3);

        for (Path sample : samples) {
            String text = Files.readString(sample);
            if (sample.getFileName().toString().endsWith("-best-known.json")) {
                // A best-known allocation is a report (the benchmarks' yardstick), so the report schema holds it.
                assertThat(errors(reportSchema, Json.mapper().readTree(text))).as(sample.toString()).isEmpty();
                continue;
            }
            assertThat(problemSchema.validate(Json.mapper().readTree(text))).as(sample.toString()).isEmpty();
            // The document as the code writes it back (an export), with every default the records add.
            var exported = Json.mapper().valueToTree(Json.mapper().readValue(text, ProblemDocument.class));
            assertThat(problemSchema.validate((JsonNode) exported)).as("exported " + sample).isEmpty();
        }
    }

    @Test
    void theReportsTheEngineWritesAreValidReports() throws IOException {
        var tiny = Json.mapper().readValue(Files.readString(Path.of("data-samples", "tiny.json")),
                ProblemDocument.class);
        var optimised = engine.solve(tiny, Strategy.OPTIMISE, Duration.ofSeconds(2), best -> { });
        var firstCome = engine.solve(tiny, Strategy.FCFS, null, best -> { });
        // What only the service and a broken pin add: a round number, another status, the hard violations.
        var asServed = new AllocationReport(optimised.event(), 3, RoundStatus.PUBLISHED.name(), optimised.strategy(),
                optimised.score(), optimised.solvingMillis(), optimised.allocations(), optimised.unassigned(),
                optimised.constraints(), List.of("Quota: bbc holds 2 EDIT_BOOTH at 24 June 09:00 (quota 1)"),
                optimised.summary(), optimised.comparison(), optimised.bounds());

        for (var report : List.of(optimised, firstCome, asServed)) {
            assertThat(errors(reportSchema, Json.mapper().valueToTree(report))).as(report.strategy()).isEmpty();
        }
        assertThat(optimised.unassigned()).isNotEmpty().allSatisfy(unassigned ->
                assertThat(unassigned.broadcasterReasons()).isNotEmpty());
    }

    @Test
    void theProblemSchemaRefusesWhatTheDocumentMayNotSay() throws IOException {
        var valid = (ObjectNode) Json.mapper().readTree(Files.readString(Path.of("data-samples", "tiny.json")));
        assertThat(problemSchema.validate(valid)).isEmpty();

        assertRefused(valid, "/resources/0", "type", "\"ROOFTOP\"");
        assertRefused(valid, "/resources/0", "id", "\"EB/1\"");
        assertRefused(valid, "/requests/0", "crewSize", "0");
        assertRefused(valid, "/organisations/0", "kind", "\"BLOGGER\"");
        // Metres to the centimetre, people in whole numbers.
        var van = first(valid, "/requests", "vehicle");
        assertRefused(valid, "/requests/" + van + "/vehicle", "lengthMetres", "7.255");
        var parking = first(valid, "/resources", "PARKING_SNG");
        assertRefused(valid, "/resources/" + parking, "capacity", "9.999");
        assertRefused(valid, "/resources/0", "capacity", "2.5");
        assertRefused(valid, "/event", "start", "\"22 June 2025\"");
        var withoutEvent = valid.deepCopy();
        withoutEvent.remove("event");
        assertThat(problemSchema.validate(withoutEvent)).isNotEmpty();
    }

    @Test
    void theProblemSchemaHasExactlyTheFieldsOfTheProblemDocument() {
        var mismatches = new ArrayList<String>();
        compare(Json.mapper().constructType(ProblemDocument.class), problemSchemaTree, problemSchemaTree, "",
                mismatches);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theReportSchemaHasExactlyTheFieldsOfTheAllocationReport() {
        var mismatches = new ArrayList<String>();
        compare(Json.mapper().constructType(AllocationReport.class), reportSchemaTree, reportSchemaTree, "",
                mismatches);
        // A served report's status is its round's status now (a best saved while solving, a publish).
        assertThat(enumValues(resolve(reportSchemaTree, reportSchemaTree.at("/properties/status"))))
                .isEqualTo(names(RoundStatus.values()));
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theModelNamesEveryRuleTheEngineScores() throws IOException {
        var tiny = Json.mapper().readValue(Files.readString(Path.of("data-samples", "tiny.json")),
                ProblemDocument.class);
        var report = engine.solve(tiny, Strategy.FCFS, null, best -> { });
        String model = Files.readString(Path.of("docs", "allocation-model.md"));

        assertThat(report.constraints()).hasSize(14).allSatisfy(rule ->
                assertThat(model).as(rule.name()).contains("| " + rule.name() + " | " + rule.level() + " |"));
    }

    @Test
    void theModelsExamplesAreValidDocuments() throws IOException {
        String model = Files.readString(Path.of("docs", "allocation-model.md"));
        var examples = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(model).results()
                .map(match -> match.group(1)).toList();

        assertThat(examples).hasSize(2);
        assertThat(errors(problemSchema, Json.mapper().readTree(examples.get(0)))).isEmpty();
        assertThat(ProblemValidator.validate(Json.mapper().readValue(examples.get(0), ProblemDocument.class)))
                .isEmpty();
        assertThat(errors(reportSchema, Json.mapper().readTree(examples.get(1)))).isEmpty();
    }

    private static void assertRefused(ObjectNode valid, String pointer, String field, String value)
            throws IOException {
        var broken = valid.deepCopy();
        ((ObjectNode) broken.at(pointer)).set(field, Json.mapper().readTree(value));
        assertThat(problemSchema.validate(broken)).as(pointer + "/" + field + " = " + value).isNotEmpty();
    }

    /** The index of the first item of the list whose text mentions the word. */
    private static int first(JsonNode document, String list, String word) {
        var items = document.at(list);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).toString().contains(word)) {
                return i;
            }
        }
        throw new AssertionError("no item of " + list + " mentions " + word);
    }

    private static List<String> errors(Schema schema, JsonNode node) {
        return schema.validate(node).stream().map(Error::toString).toList();
    }

    /**
     * Walks a Java type and its schema together: a record's properties as Jackson sees them against the schema's
     * "properties", both ways; lists and sets into "items", maps into "additionalProperties" (and enum keys into
     * "propertyNames"); enums against "enum"; scalars against "type".
     */
    private static void compare(JavaType type, JsonNode root, JsonNode schema, String path, List<String> mismatches) {
        schema = resolve(root, schema);
        var raw = type.getRawClass();
        if (type.isCollectionLikeType() || type.isArrayType()) {
            compare(type.getContentType(), root, schema.path("items"), path + "[]", mismatches);
        } else if (type.isMapLikeType()) {
            if (type.getKeyType().isEnumType()) {
                compareEnum(type.getKeyType().getRawClass(), resolve(root, schema.path("propertyNames")),
                        path + "{key}", mismatches);
            }
            compare(type.getContentType(), root, schema.path("additionalProperties"), path + "{}", mismatches);
        } else if (raw.isEnum()) {
            compareEnum(raw, schema, path, mismatches);
        } else if (raw.isRecord() && raw.getPackageName().startsWith("org.broadcastallocation")
                && !hasJsonValue(type)) {
            var description = Json.mapper().getSerializationConfig().introspect(type);
            var inJava = new TreeSet<String>();
            description.findProperties().forEach(property -> inJava.add(property.getName()));
            var inSchema = new TreeSet<String>();
            schema.path("properties").fieldNames().forEachRemaining(inSchema::add);
            if (!inJava.equals(inSchema)) {
                mismatches.add((path.isEmpty() ? "the document" : path) + ": Java " + inJava + ", schema " + inSchema);
            }
            schema.path("required").forEach(required -> {
                if (!inJava.contains(required.asText())) {
                    mismatches.add(path + ": requires '" + required.asText() + "', which is no field");
                }
            });
            for (var property : description.findProperties()) {
                if (inSchema.contains(property.getName())) {
                    compare(property.getPrimaryType(), root, schema.path("properties").path(property.getName()),
                            path + "." + property.getName(), mismatches);
                }
            }
        } else {
            compareScalar(raw, schema, path, mismatches);
        }
    }

    private static boolean hasJsonValue(JavaType type) {
        return Json.mapper().getSerializationConfig().introspect(type).findJsonValueAccessor() != null;
    }

    private static void compareEnum(Class<?> type, JsonNode schema, String path, List<String> mismatches) {
        var inSchema = enumValues(schema);
        var inJava = names((Enum<?>[]) type.getEnumConstants());
        if (!inJava.equals(inSchema)) {
            mismatches.add(path + ": Java " + inJava + ", schema enum " + inSchema);
        }
    }

    /** What JSON type the code writes for a scalar, against the schema's "type" (one or a list with "null"). */
    private static void compareScalar(Class<?> type, JsonNode schema, String path, List<String> mismatches) {
        String expected;
        if (Set.of(Integer.class, int.class, Long.class, long.class).contains(type)) {
            expected = "integer";
        } else if (Set.of(Boolean.class, boolean.class).contains(type)) {
            expected = "boolean";
        } else if (Number.class.isAssignableFrom(type) || type == double.class || type == Quantity.class) {
            expected = "number";
        } else {
            expected = "string";
        }
        var declared = new TreeSet<String>();
        if (schema.path("type").isArray()) {
            schema.path("type").forEach(name -> declared.add(name.asText()));
        } else if (schema.has("type")) {
            declared.add(schema.path("type").asText());
        }
        if (declared.isEmpty()) {
            mismatches.add(path + ": no type in the schema (Java " + type.getSimpleName() + ")");
        } else if (!declared.contains(expected)) {
            mismatches.add(path + ": Java writes " + expected + ", schema says " + declared);
        }
    }

    /** Follows "$ref": "#/$defs/Name" (one level at a time, until a schema without one). */
    private static JsonNode resolve(JsonNode root, JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            assertThat(ref).startsWith("#/");
            schema = root.at(ref.substring(1));
            assertThat(schema.isMissingNode()).as(ref).isFalse();
        }
        return schema;
    }

    private static Set<String> enumValues(JsonNode schema) {
        var values = new TreeSet<String>();
        schema.path("enum").forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Set<String> names(Enum<?>[] constants) {
        return new TreeSet<>(Arrays.stream(constants).map(Enum::name).toList());
    }
}
