package org.broadcastallocation.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import org.broadcastallocation.common.Json;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemValidator;
import org.broadcastallocation.problem.ResourceType;

class InstanceGeneratorTest {

    private static final ProblemDocument HAGUE = InstanceGenerator.generate(300, 2025, 1.0);

    @Test
    void theSameArgumentsGiveTheSameDocument() throws IOException {
        assertThat(Json.mapper().writeValueAsString(InstanceGenerator.generate(300, 2025, 1.0)))
                .isEqualTo(Json.mapper().writeValueAsString(HAGUE));
        assertThat(Json.mapper().writeValueAsString(InstanceGenerator.generate(300, 2026, 1.0)))
                .isNotEqualTo(Json.mapper().writeValueAsString(HAGUE));
    }

    @Test
    void theHagueSampleIsTheGeneratorsOutputForSeed2025() throws IOException {
        var sample = Json.mapper().readValue(Files.readAllBytes(Path.of("data-samples/hague-2025.json")),
                ProblemDocument.class);

        // Both through the same JSON round trip, so that sets compare in the same order.
        var generated = Json.mapper().readValue(Json.mapper().writeValueAsString(HAGUE), ProblemDocument.class);
        assertThat(Json.mapper().writeValueAsString(sample)).isEqualTo(Json.mapper().writeValueAsString(generated));
    }

    @Test
    void generatedDocumentsValidateCleanAtEveryScale() {
        assertThat(ProblemValidator.validate(HAGUE)).isEmpty();
        assertThat(ProblemValidator.validate(InstanceGenerator.generate(1200, 4, 4.0))).isEmpty();
        var tenfold = InstanceGenerator.generate(3000, 10, 10.0);
        assertThat(ProblemValidator.validate(tenfold)).isEmpty();
        assertThat(tenfold.resources()).hasSize(770);
        assertThat(tenfold.requests()).hasSize(3000);
    }

    /** Booths, stand-ups and parking are scarce: 1.3 to 2 times as many hours asked for as can be held. */
    @ParameterizedTest
    @EnumSource(value = ResourceType.class, names = {"EDIT_BOOTH", "STANDUP_INDOOR", "STANDUP_OUTDOOR",
            "PARKING_SNG", "PARKING_OB"})
    void demandIsBetweenOnePointThreeAndTwiceSupply(ResourceType type) {
        double ratio = demandHours(HAGUE).get(type) / supplyHours(HAGUE).get(type);

        assertThat(ratio).isBetween(1.3, 2.0);
    }

    /** Hours asked for: the slot, or the whole window. */
    private static Map<ResourceType, Double> demandHours(ProblemDocument document) {
        var hours = new EnumMap<ResourceType, Double>(ResourceType.class);
        for (var request : document.requests()) {
            double window = Duration.between(request.window().from(), request.window().to()).toMinutes();
            double minutes = request.durationMinutes() == null ? window : request.durationMinutes();
            hours.merge(request.type(), minutes / 60, Double::sum);
        }
        return hours;
    }

    /**
     * Hours a resource can be held: opening hours for positions and areas; from the first opening to the end for
     * booths and parking, which are held across closed hours (the spec's "a booth held from 23 June to the end").
     */
    private static Map<ResourceType, Double> supplyHours(ProblemDocument document) {
        var event = document.event();
        double span = Duration.between(event.start(), event.end()).toMinutes() / 60.0;
        double open = event.openingHours().stream()
                .mapToDouble(interval -> Duration.between(interval.from(), interval.to()).toMinutes() / 60.0).sum();
        var held = List.of(ResourceType.EDIT_BOOTH, ResourceType.PARKING_SNG, ResourceType.PARKING_OB);
        var hours = new EnumMap<ResourceType, Double>(ResourceType.class);
        for (var resource : document.resources()) {
            hours.merge(resource.type(), held.contains(resource.type()) ? span : open, Double::sum);
        }
        return hours;
    }
}
