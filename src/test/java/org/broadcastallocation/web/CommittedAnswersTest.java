package org.broadcastallocation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.StandardServletAsyncWebRequest;
import org.springframework.web.context.request.async.WebAsyncUtils;

import org.broadcastallocation.common.Conflict;

/** The async pass of a submission: a committed answer is written at once, anything else goes on to Spring MVC. */
class CommittedAnswersTest {

    private final CommittedAnswers filter = new CommittedAnswers();
    private final AtomicInteger passedOn = new AtomicInteger();
    private final FilterChain chain = (request, response) -> passedOn.incrementAndGet();

    @Test
    void aCommittedAnswerIsWrittenWithoutASecondPassThroughTheService() throws Exception {
        var request = callAnsweredWith(ResponseEntity.status(201).location(URI.create("/api/events/e/requests/r-1"))
                .contentType(MediaType.APPLICATION_JSON).body("{\"id\":\"r-1\",\"name\":\"Zoë\"}"));
        var response = new MockHttpServletResponse();

        filter.doFilter(request, response, chain);

        assertThat(passedOn).hasValue(0);
        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getHeader("Location")).isEqualTo("/api/events/e/requests/r-1");
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsByteArray()).hasSize(26);
        assertThat(response.getHeader("Content-Length")).isEqualTo("26");
        assertThat(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"r-1\",\"name\":\"Zoë\"}");
    }

    @Test
    void aFailureGoesOnToSpringMvcToBecomeAProblemDetail() throws Exception {
        var request = callAnsweredWith(new Conflict("request r-1 exists already") { });

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(passedOn).hasValue(1);
    }

    @Test
    void theFirstPassOfACallIsLeftAlone() throws Exception {
        var request = new MockHttpServletRequest("POST", "/api/events/e/requests");

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(passedOn).hasValue(1);
    }

    /** A call whose handler answered asynchronously with {@code result}, on its async pass. */
    private static MockHttpServletRequest callAnsweredWith(Object result) {
        var request = new MockHttpServletRequest("POST", "/api/events/e/requests");
        request.setAsyncSupported(true);
        var calls = WebAsyncUtils.getAsyncManager(request);
        calls.setAsyncWebRequest(new StandardServletAsyncWebRequest(request, new MockHttpServletResponse()));
        var deferred = new DeferredResult<Object>();
        try {
            calls.startDeferredResultProcessing(deferred);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        deferred.setResult(result);
        request.setDispatcherType(DispatcherType.ASYNC);
        return request;
    }
}
