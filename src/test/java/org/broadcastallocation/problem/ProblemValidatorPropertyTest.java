package org.broadcastallocation.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import org.broadcastallocation.common.Json;
import org.broadcastallocation.problem.ProblemDocument.Request;
import org.broadcastallocation.samples.InstanceGenerator;

/**
 * The validator on generated documents: a valid document passes, and any one broken field of any one request is
 * reported, naming that request and that field.
 */
class ProblemValidatorPropertyTest {

    /** One way to break a request, and the field the validator must name. */
    enum Mutation {
        CREW_ZERO("crewSize", (node, r) -> node.put("crewSize", 0)),
        CREW_HUGE("crewSize", (node, r) -> node.put("crewSize", RequestRules.MAX_CREW + 1)),
        PRIORITY_ZERO("priority", (node, r) -> node.put("priority", 0)),
        PRIORITY_FOUR("priority", (node, r) -> node.put("priority", 4)),
        DURATION_OFF_GRAIN("durationMinutes", (node, r) -> node.put("durationMinutes", 7)),
        DURATION_NEGATIVE("durationMinutes", (node, r) -> node.put("durationMinutes", -15)),
        TYPE_MISSING("type", (node, r) -> node.remove("type")),
        WINDOW_MISSING("window", (node, r) -> node.remove("window")),
        WINDOW_OFF_GRAIN("window.from", (node, r) -> ((ObjectNode) node.get("window"))
                .put("from", r.window().from().plusMinutes(5).toString())),
        WINDOW_BEFORE_EVENT("window", (node, r) -> ((ObjectNode) node.get("window"))
                .put("from", "2025-06-01T09:00:00+02:00")),
        UNKNOWN_ORGANISATION("organisation", (node, r) -> node.put("organisation", "' OR '1'='1")),
        BLANK_FEATURE("requiredFeatures", (node, r) -> node.putArray("requiredFeatures").add(" ")),
        CONTROL_IN_FEATURE("preferredFeatures", (node, r) -> node.putArray("preferredFeatures").add("VIEW\u0000")),
        CONTROL_IN_ID("id", (node, r) -> node.put("id", r.id() + "\n")),
        LONG_ID("id", (node, r) -> node.put("id", "r".repeat(FieldChecks.MAX_ID_LENGTH + 1))),
        PREFERRED_START_OFF_GRAIN("preferredStart", (node, r) -> node.put("preferredStart",
                r.window().from().plusMinutes(1).toString())),
        VEHICLE_TOO_LONG("vehicle.lengthMetres", (node, r) -> node.putObject("vehicle").put("kind", "SNG")
                .put("lengthMetres", RequestRules.MAX_VEHICLE_METRES + 1));

        final String field;
        private final BiConsumer<ObjectNode, Request> change;

        Mutation(String field, BiConsumer<ObjectNode, Request> change) {
            this.field = field;
            this.change = change;
        }

        Request apply(Request request) {
            ObjectNode node = Json.mapper().valueToTree(request);
            change.accept(node, request);
            try {
                return Json.mapper().treeToValue(node, Request.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Property(tries = 40)
    void aGeneratedDocumentIsValid(@ForAll @IntRange(min = 1, max = 120) int requests, @ForAll long seed,
            @ForAll("scales") double scale) {
        var document = InstanceGenerator.generate(requests, seed, scale);

        assertThat(ProblemValidator.validate(document)).isEmpty();
    }

    @Property(tries = 200)
    void oneBrokenFieldIsReportedWithItsRequestAndField(@ForAll @IntRange(min = 1, max = 60) int requests,
            @ForAll long seed, @ForAll Mutation mutation, @ForAll @IntRange(min = 0, max = 10_000) int which) {
        var document = InstanceGenerator.generate(requests, seed, 1.0);
        var list = new ArrayList<>(document.requests());
        int index = which % list.size();
        var broken = mutation.apply(list.get(index));
        list.set(index, broken);
        var mutated = new ProblemDocument(document.event(), document.zones(), document.organisations(),
                document.resources(), list, document.pinned(), document.previousAllocations());

        var violations = ProblemValidator.validate(mutated);

        assertThat(violations).as(mutation.name()).isNotEmpty()
                .anySatisfy(violation -> {
                    assertThat(violation.item()).isEqualTo("requests[" + broken.id() + "]");
                    assertThat(violation.field()).isEqualTo(mutation.field);
                });
        var items = new HashSet<String>();
        violations.forEach(violation -> items.add(violation.item()));
        assertThat(items).as("only the broken request is named").containsExactly("requests[" + broken.id() + "]");
    }

    @Provide
    Arbitrary<Double> scales() {
        return Arbitraries.of(0.2, 0.5, 1.0, 2.0);
    }
}
