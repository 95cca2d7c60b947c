package org.broadcastallocation.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code Authorization: Bearer <key>}: a broadcaster, speaking for the organisation the key was minted for. */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    public static final String ROLE = "ROLE_BROADCASTER";

    /** The answer when the key cannot be checked because the database is away. */
    public interface DatabaseUnavailable {
        void respond(HttpServletResponse response) throws IOException;
    }

    private final ApiKeys keys;
    private final AuthenticationEntryPoint entryPoint;
    private final DatabaseUnavailable unavailable;

    public ApiKeyAuthenticationFilter(ApiKeys keys, AuthenticationEntryPoint entryPoint,
            DatabaseUnavailable unavailable) {
        this.keys = keys;
        this.entryPoint = entryPoint;
        this.unavailable = unavailable;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        var presented = ApiKeys.KeyHash.of(header.substring(7).trim());
        Optional<Broadcaster> broadcaster;
        try {
            broadcaster = keys.authenticate(presented);
        } catch (DataAccessException databaseAway) {
            // Outside the controllers, so the problem-details advice never sees this: answer 503 here.
            unavailable.respond(response);
            return;
        }
        if (broadcaster.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("unknown or revoked API key"));
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(broadcaster.get(), null,
                List.of(new SimpleGrantedAuthority(ROLE)));
        authentication.setDetails(presented);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }
}
