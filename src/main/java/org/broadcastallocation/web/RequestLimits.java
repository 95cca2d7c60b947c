package org.broadcastallocation.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import org.broadcastallocation.problem.ProblemValidator;

/**
 * Refuses, before anything else runs, what no endpoint can take: a path or query parameter holding control
 * characters (400; Spring would trim "yes\0" into "yes"), and bodies over their cap. It caps request bodies before
 * anything parses them: a problem document (event import) may be large, everything else
 * is a few kilobytes. A declared {@code Content-Length} over the cap is refused at once with 413; a chunked body is
 * counted as it is read and fails with {@link TooLarge}, which {@link ProblemDetails} turns into the same 413.
 * Runs before authentication so that nobody, signed in or not, makes the service buffer a huge body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestLimits extends OncePerRequestFilter {

    private final long requestLimit;
    private final long documentLimit;
    private final ObjectMapper json;

    public RequestLimits(@Value("${broadcast.limits.request-body:64KB}") DataSize requestLimit,
            @Value("${broadcast.limits.problem-document:20MB}") DataSize documentLimit, ObjectMapper json) {
        this.requestLimit = requestLimit.toBytes();
        this.documentLimit = documentLimit.toBytes();
        this.json = json;
    }

    /** The body went over the cap while it was being read (no Content-Length, or a false one). */
    public static final class TooLarge extends IOException {
        private final long limit;

        TooLarge(long limit) {
            super("request body over " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String unprintable = unprintable(request);
        if (unprintable != null) {
            write(response, json, HttpStatus.BAD_REQUEST, "Unprintable address", unprintable);
            return;
        }
        long limit = isDocumentImport(request) ? documentLimit : requestLimit;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(response, json, limit);
            return;
        }
        chain.doFilter(new Capped(request, limit), response);
    }

    static void refuse(HttpServletResponse response, ObjectMapper json, long limit) throws IOException {
        response.setHeader("Connection", "close");
        write(response, json, HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large", describe(limit));
    }

    private static void write(HttpServletResponse response, ObjectMapper json, HttpStatus status, String title,
            String detail) throws IOException {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** What is wrong with the path or query, or null when both are printable. */
    private static String unprintable(HttpServletRequest request) {
        if (ProblemValidator.hasControl(request.getRequestURI()) || hasEncodedControl(request.getRequestURI())) {
            return "The path holds control characters.";
        }
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        try {
            if (ProblemValidator.hasControl(URLDecoder.decode(query, StandardCharsets.UTF_8))) {
                return "A query parameter holds control characters.";
            }
        } catch (IllegalArgumentException e) {
            return "The query is not valid percent-encoding.";
        }
        return null;
    }

    /** %00 to %1F and %7F, in either case. */
    private static boolean hasEncodedControl(String uri) {
        for (int i = uri.indexOf('%'); i >= 0 && i + 2 < uri.length(); i = uri.indexOf('%', i + 1)) {
            char high = uri.charAt(i + 1);
            char low = uri.charAt(i + 2);
            if (HexFormat.isHexDigit(high) && HexFormat.isHexDigit(low)) {
                int value = HexFormat.fromHexDigit(high) * 16 + HexFormat.fromHexDigit(low);
                if (value < 0x20 || value == 0x7F) {
                    return true;
                }
            }
        }
        return false;
    }

    static String describe(long limit) {
        return "The body is larger than this endpoint accepts (" + DataSize.ofBytes(limit).toKilobytes()
                + " KB); nothing was read or changed.";
    }

    private static boolean isDocumentImport(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/api/events".equals(request.getRequestURI());
    }

    private static final class Capped extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Capped(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            var charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8
                    : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int value = in.read();
            if (value >= 0) {
                counted(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        private void counted(int bytes) throws TooLarge {
            count += bytes;
            if (count > limit) {
                throw new TooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
