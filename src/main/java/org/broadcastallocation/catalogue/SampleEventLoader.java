package org.broadcastallocation.catalogue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import org.broadcastallocation.common.Json;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.security.ApiKeys;

/**
 * On a first start (no event in the database) imports the sample event, so that a newcomer has something to look
 * at, and mints one demo API key, shown once in the log like a planner would see it.
 */
@Component
@Order(10)
class SampleEventLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleEventLoader.class);

    private final EventCatalogue catalogue;
    private final Events events;
    private final ApiKeys keys;
    private final String sample;
    private final int port;

    SampleEventLoader(EventCatalogue catalogue, Events events, ApiKeys keys,
            @Value("${broadcast.sample-event:}") String sample, @Value("${server.port:8080}") int port) {
        this.catalogue = catalogue;
        this.events = events;
        this.keys = keys;
        this.sample = sample;
        this.port = port;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!sample.isBlank() && events.count() == 0) {
            Path file = Path.of(sample);
            if (!Files.isRegularFile(file)) {
                log.warn("Sample event {} not found; starting with no event", file.toAbsolutePath());
            } else {
                var document = Json.mapper().readValue(Files.readAllBytes(file), ProblemDocument.class);
                var imported = catalogue.importDocument(document, "system");
                String organisation = document.organisations().get(0).id();
                String key = keys.mint(imported.eventId(), organisation, "system");
                log.info("Imported sample event {} ({} requests). Demo API key of organisation '{}': {}",
                        imported.eventId(), imported.requests(), organisation, key);
            }
        }
        log.info("broadcast-allocation is up: API docs at http://localhost:{}/swagger-ui.html; planner/planner-demo,"
                + " operator/operator-demo unless configured otherwise", port);
    }
}
