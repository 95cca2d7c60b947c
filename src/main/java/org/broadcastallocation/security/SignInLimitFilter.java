package org.broadcastallocation.security;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before HTTP Basic checks a password: a sign-in held by {@link FailedSignIns} gets 429 with {@code Retry-After} and
 * goes no further (no BCrypt). {@link #countingFailures} wraps HTTP Basic's entry point, the one place a wrong
 * password or name ends, to count each failure.
 */
class SignInLimitFilter extends OncePerRequestFilter {

    private final FailedSignIns failures;
    private final ObjectMapper json;

    SignInLimitFilter(FailedSignIns failures, ObjectMapper json) {
        this.failures = failures;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isBasic(request)) {
            chain.doFilter(request, response);
            return;
        }
        var hold = failures.held(accountName(request), request.getRemoteAddr());
        if (hold == null) {
            chain.doFilter(request, response);
            return;
        }
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins "
                + (hold.what().equals("account") ? "for this account" : "from this address")
                + "; the password was not checked. Retry in " + hold.seconds() + " s.");
        problem.setType(URI.create("about:blank"));
        problem.setTitle("Too many failed sign-ins");
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(hold.seconds()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** HTTP Basic's entry point, counting the failure first (a wrong password or name; unreadable credentials). */
    AuthenticationEntryPoint countingFailures(AuthenticationEntryPoint answer) {
        return (request, response, failure) -> {
            if (failure instanceof BadCredentialsException && isBasic(request)) {
                failures.failed(accountName(request), request.getRemoteAddr());
            }
            answer.commence(request, response, failure);
        };
    }

    private static boolean isBasic(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** The name before the colon, or null when the credentials are not Base64 of "name:password". */
    private static String accountName(HttpServletRequest request) {
        try {
            String decoded = new String(Base64.getDecoder().decode(request.getHeader(HttpHeaders.AUTHORIZATION)
                    .substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
