package org.broadcastallocation.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes a submission's answer, once its group commit is done, straight back to the broadcaster.
 *
 * <p>A submission is answered asynchronously (it waits for its commit without holding a request thread), and Spring
 * MVC answers an async result by dispatching the call a second time through every filter, Spring Security and the
 * handler lookup, only to write a body that is ready. Profiled under load, that second pass was a quarter of the
 * service's CPU per submission. The call was authorised, checked and logged on its first pass; the answer is a
 * finished {@link ResponseEntity} with its JSON as text, its status and its headers (the protective headers were set
 * on the first pass). So this filter, first on the async pass, writes such an answer itself and ends the pass.
 * Anything else (an exception to turn into a problem detail, any other kind of result) goes on through Spring MVC as
 * before.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommittedAnswers extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getDispatcherType() != DispatcherType.ASYNC;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var calls = WebAsyncUtils.getAsyncManager(request);
        if (calls.hasConcurrentResult() && calls.getConcurrentResult() instanceof ResponseEntity<?> answer
                && answer.getBody() instanceof String body && answer.getHeaders().getContentType() != null
                && !response.isCommitted()) {
            write(answer, body, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void write(ResponseEntity<?> answer, String body, HttpServletResponse response)
            throws IOException {
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        var contentType = answer.getHeaders().getContentType();
        var charset = contentType.getCharset() == null ? StandardCharsets.UTF_8 : contentType.getCharset();
        byte[] bytes = body.getBytes(charset);
        response.setHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(bytes.length));
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
