package org.broadcastallocation.security;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * After authentication: a caller over its rate gets 429 with {@code Retry-After}, and the call goes no further.
 * API keys are told apart by their hash (two keys of one organisation have a bucket each); staff by account name.
 * Anonymous calls are not counted here: they get no further than the 401.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final ObjectMapper json;

    RateLimitFilter(RateLimiter limiter, ObjectMapper json) {
        this.limiter = limiter;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String caller = caller();
        long wait = caller == null ? 0 : limiter.acquire(caller);
        if (wait > 0) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many calls for this " + (caller.startsWith("key:") ? "API key" : "account")
                            + "; retry in " + wait + " s.");
            problem.setType(URI.create("about:blank"));
            problem.setTitle("Rate limit reached");
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(request, response);
    }

    private static String caller() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return null;
        }
        if (authentication.getPrincipal() instanceof Broadcaster broadcaster) {
            return authentication.getDetails() instanceof ApiKeys.KeyHash presented ? "key:" + presented.value()
                    : "key:" + broadcaster.eventId() + "/" + broadcaster.organisationId();
        }
        return "user:" + authentication.getName();
    }
}
