package org.broadcastallocation.rounds;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A stored report as served: the round's number and its status now (the stored copy says how the round stood when
 * it was saved). A token-by-token copy: a 3,000-request report is a few megabytes, and binding it to records only
 * to write it out again cost most of a report call.
 */
final class ReportJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ReportJson() {
    }

    public static String asOf(String stored, int round, String status) {
        var out = new StringWriter(stored.length() + 32);
        try (var parser = FACTORY.createParser(stored); var generator = FACTORY.createGenerator(out)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("a stored report is a JSON object");
            }
            generator.writeStartObject();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "round" -> generator.writeNumberField(field, round);
                    case "status" -> generator.writeStringField(field, status);
                    default -> {
                        generator.writeFieldName(field);
                        generator.copyCurrentStructure(parser);
                    }
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("stored report does not read back", e);
        }
        return out.toString();
    }
}
