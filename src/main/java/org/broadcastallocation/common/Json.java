package org.broadcastallocation.common;

import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON configuration for documents crossing the project's edge (files and, later, HTTP). */
public final class Json {

    /** A Java class name in a parser message: a person sending JSON has no use for it. */
    private static final String JAVA_NAME = "\\b([a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*";

    /** Counts (a crew, minutes, a priority): a fraction of one is refused, not rounded. */
    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(Integer.class, int.class, Long.class, long.class);

    /** The number as written, in Jackson's coercion message. */
    private static final Pattern FLOATING_POINT = Pattern.compile("Floating-point value \\(([^)]{1,40})\\)");

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Timestamps keep the offset they were written with; unknown fields are welcome (the spec allows extras); a file
     * is one document, so anything after it is an error rather than silently ignored.
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // A crew of 1.5 is a mistake to report, not to round down (the service says the same).
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * Where in a document and what is wrong, for a person: "line 3, column 12 (requests[0].window.from): ...",
     * without the parser's Java types.
     */
    public static String describe(JsonProcessingException e) {
        var where = new StringBuilder();
        var location = e.getLocation();
        if (location != null) {
            where.append("line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            var path = new StringBuilder();
            for (var reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            where.append(" (").append(path).append(')');
        }
        var fraction = FLOATING_POINT.matcher(String.valueOf(e.getOriginalMessage()));
        if (e instanceof InvalidFormatException format && WHOLE_NUMBERS.contains(format.getTargetType())
                && fraction.find()) {
            // "Cannot coerce Floating-point value (1.5) to value (but could if coercion was enabled...)" is no help.
            return "not valid at " + where + ": expects a whole number (without a decimal point), not "
                    + fraction.group(1);
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
        if (message.startsWith("Trailing token")) {
            return "not valid at " + where + ": more JSON after the end of the value; send exactly one JSON value";
        }
        message = message.replaceAll("`[a-z]+(\\.[a-zA-Z$]+)+`", "value").replaceAll("\\(class [^)]*\\)", "")
                .replaceAll("Failed to deserialize " + JAVA_NAME + ": ", "")
                .replaceAll("\\(" + JAVA_NAME + "\\) ", "")
                .replaceAll(JAVA_NAME, "value");
        return "not valid at " + where + ": " + message.trim();
    }
}
