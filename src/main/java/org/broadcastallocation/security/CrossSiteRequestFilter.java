package org.broadcastallocation.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser sends the HTTP Basic credentials it has cached for the service (and a session cookie, if there ever is
 * one) with any request to it, also one that a page on another site makes: a form that POSTs to
 * {@code /rounds/{r}/publish} would publish. So a call that changes something (POST, PUT, PATCH, DELETE) and carries
 * such credentials must come from the service's own origin: its {@code Origin} header, or without one its
 * {@code Sec-Fetch-Site}, or without either its {@code Referer}, must say so; else 403, before the password is
 * checked. A call with none of the three is not from a browser page (curl, scripts) and goes ahead; so does one with
 * an API key, which a browser never adds by itself. The console is on the same origin.
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ObjectMapper json;

    CrossSiteRequestFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String from = CHANGING.contains(request.getMethod()) && browserCredentials(request) ? otherSite(request)
                : null;
        if (from == null) {
            chain.doFilter(request, response);
            return;
        }
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "This call comes from another site ("
                + from + "), not from " + ownOrigin(request) + ", and carries a browser's sign-in: refused, nothing"
                + " was changed. Use the service's own pages, or call without the browser.");
        problem.setType(URI.create("about:blank"));
        problem.setTitle("Cross-site request refused");
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static boolean browserCredentials(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                || request.getRequestedSessionId() != null;
    }

    /** What names another site as the caller's, or null when nothing does. */
    private static String otherSite(HttpServletRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null) {
            return sameOrigin(origin, request) ? null : "Origin " + shown(origin);
        }
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            // same-site is a sibling host (another subdomain): another origin too. none: typed by the user.
            return fetchSite.equals("same-origin") || fetchSite.equals("none") ? null
                    : "Sec-Fetch-Site " + shown(fetchSite);
        }
        String referer = request.getHeader(HttpHeaders.REFERER);
        if (referer != null) {
            return sameOrigin(referer, request) ? null : "Referer " + shown(referer);
        }
        return null;
    }

    /** Scheme, host and port (a missing port is the scheme's) as the service sees itself. */
    private static boolean sameOrigin(String url, HttpServletRequest request) {
        try {
            var uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
            return scheme.equals(request.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost().equalsIgnoreCase(request.getServerName())
                    && port == request.getServerPort();
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        return scheme + "://" + request.getServerName() + (port == defaultPort(scheme) ? "" : ":" + port);
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    private static String shown(String header) {
        String printable = header.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 200 ? printable.substring(0, 200) + "..." : printable;
    }
}
