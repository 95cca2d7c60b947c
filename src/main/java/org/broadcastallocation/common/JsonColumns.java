package org.broadcastallocation.common;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;


/** jsonb columns to and from Java values, with the documents' own JSON settings. */
public final class JsonColumns {

    private static final ObjectMapper JSON = Json.mapper().copy().disable(SerializationFeature.INDENT_OUTPUT);

    private JsonColumns() {
    }

    public static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        return read(json, JSON.getTypeFactory().constructType(type));
    }

    public static <T> T read(String json, Class<T> type) {
        return read(json, JSON.getTypeFactory().constructType(type));
    }

    private static <T> T read(String json, JavaType type) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON does not read back", e);
        }
    }
}
