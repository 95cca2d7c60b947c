package org.broadcastallocation.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the HTTP JSON parser accepts: no real request nests deeper than a handful of levels, has a string longer
 * than a paragraph or a number longer than a phone number. Past these the parser stops at once (400), before a
 * hostile body costs memory or time. A body is one JSON value: anything after it ({@code {...}{...}}) is refused
 * (400) rather than silently dropped, so that what was acted on is always all that was sent.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimits {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer readLimits(
            @Value("${broadcast.limits.json-depth:64}") int depth,
            @Value("${broadcast.limits.json-string:100000}") int stringLength,
            @Value("${broadcast.limits.json-number:40}") int numberLength) {
        var constraints = StreamReadConstraints.builder().maxNestingDepth(depth).maxStringLength(stringLength)
                .maxNumberLength(numberLength).maxNameLength(stringLength).build();
        return builder -> builder.featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(constraints));
    }
}
