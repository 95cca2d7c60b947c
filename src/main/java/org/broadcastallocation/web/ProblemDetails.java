package org.broadcastallocation.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import org.broadcastallocation.common.Conflict;
import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.common.PreconditionRequired;
import org.broadcastallocation.common.RequestRejected;
import org.broadcastallocation.common.StaleVersion;
import org.broadcastallocation.problem.InvalidProblemException;
import org.broadcastallocation.common.Json;
import org.broadcastallocation.problem.Violation;

/**
 * Every error as an RFC 9457 problem detail: what is wrong, and for bad input each field. Never a stack trace;
 * a 500 only for our own faults, with an id to find it in the log.
 */
@RestControllerAdvice
public class ProblemDetails extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(StaleVersion.class)
    ProblemDetail stale(StaleVersion e) {
        return problem(e.fromIfMatch() ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT, "Stale version",
                e.getMessage());
    }

    @ExceptionHandler(JsonProcessingException.class)
    ProblemDetail unreadable(JsonProcessingException e) {
        return problem(HttpStatus.BAD_REQUEST, "Malformed request body", Json.describe(e));
    }

    @ExceptionHandler(PreconditionRequired.class)
    ProblemDetail preconditionRequired(PreconditionRequired e) {
        return problem(HttpStatus.PRECONDITION_REQUIRED, "Version required", e.getMessage());
    }

    @ExceptionHandler(InvalidProblemException.class)
    ProblemDetail invalidDocument(InvalidProblemException e) {
        return withErrors(problem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid problem document",
                e.violations().size() + " item(s) refused; nothing was imported"), e.violations());
    }

    @ExceptionHandler(RequestRejected.class)
    ProblemDetail rejected(RequestRejected e) {
        return withErrors(problem(HttpStatus.UNPROCESSABLE_ENTITY, "Request refused",
                "The request breaks " + e.violations().size() + " rule(s) of the event"), e.violations());
    }

    /**
     * The database is away or went away mid-call. A transaction that could not begin, commit or roll back fails only
     * that way (its statements' own errors are data-access exceptions of other kinds).
     */
    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class, CannotCreateTransactionException.class,
            TransactionSystemException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
                        "The database cannot be reached. Retry shortly: a submission retried with the same"
                                + " Idempotency-Key is never made twice."));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String id = UUID.randomUUID().toString();
        log.error("Unexpected error {}", id, e);
        var problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "Something went wrong on our side; quote " + id + " when reporting it.");
        problem.setProperty("errorId", id);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestLimits.TooLarge tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                        .body(problem(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large",
                                RequestLimits.describe(tooLarge.limit())));
            }
        }
        String detail = "The body is not valid JSON for this endpoint";
        if (e.getCause() instanceof JsonProcessingException json) {
            detail = Json.describe(json);
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Malformed request body", detail));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new Violation("body", error.getField(), error.getDefaultMessage())).toList();
        return ResponseEntity.badRequest().body(withErrors(problem(HttpStatus.BAD_REQUEST, "Invalid request body",
                errors.size() + " field(s) are invalid"), errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = e.getAllErrors().stream()
                .map(error -> new Violation("parameter", "", error.getDefaultMessage())).toList();
        return ResponseEntity.badRequest().body(withErrors(problem(HttpStatus.BAD_REQUEST, "Invalid parameters",
                errors.size() + " parameter(s) are invalid"), errors));
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, abbreviated(detail));
        problem.setTitle(title);
        return problem;
    }

    /** A document can be wrong in a million places; the answer names the first few hundred and counts the rest. */
    static final int MAX_ERRORS_LISTED = 200;

    private static ProblemDetail withErrors(ProblemDetail problem, List<Violation> violations) {
        if (violations.size() > MAX_ERRORS_LISTED) {
            problem.setProperty("moreErrors", violations.size() - MAX_ERRORS_LISTED);
        }
        problem.setProperty("errors", violations.stream().limit(MAX_ERRORS_LISTED)
                .map(violation -> Map.of("item", abbreviated(violation.item()), "field",
                        violation.field() == null ? "" : abbreviated(violation.field()),
                        "message", abbreviated(violation.message())))
                .toList());
        return problem;
    }

    /** Bad input is quoted back in messages; a megabyte of it is not. */
    static final int MAX_QUOTED = 300;

    static String abbreviated(String text) {
        if (text == null || text.length() <= MAX_QUOTED) {
            return text;
        }
        return text.substring(0, MAX_QUOTED) + "... (" + (text.length() - MAX_QUOTED) + " more characters)";
    }
}
