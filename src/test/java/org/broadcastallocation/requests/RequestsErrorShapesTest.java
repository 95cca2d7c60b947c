package org.broadcastallocation.requests;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.common.PreconditionRequired;
import org.broadcastallocation.common.RequestRejected;
import org.broadcastallocation.common.StaleVersion;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.events.Organisations;
import org.broadcastallocation.problem.Violation;
import org.broadcastallocation.requests.Pins;
import org.broadcastallocation.requests.RequestDesk;
import org.broadcastallocation.requests.Requests;
import org.broadcastallocation.requests.SubmissionDesk;
import org.broadcastallocation.security.ApiKeys;
import org.broadcastallocation.security.Broadcaster;
import org.broadcastallocation.security.SecurityConfiguration;
import org.broadcastallocation.web.ProblemDetails;

/** The HTTP edge alone: every failure is an RFC 9457 problem detail with what a client needs to fix it. */
@WebMvcTest(RequestsController.class)
@Import({SecurityConfiguration.class, ProblemDetails.class})
class RequestsErrorShapesTest {

    private static final String BOOTH = """
            {"type": "EDIT_BOOTH", "window": {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}}""";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    RequestDesk desk;
    @MockitoBean
    SubmissionDesk submissions;
    @MockitoBean
    Pins pins;
    @MockitoBean
    Requests requests;
    @MockitoBean
    Events events;
    @MockitoBean
    Organisations organisations;
    @MockitoBean
    ApiKeys keys;

    @Test
    void aRefusedRequestListsEachRuleItBreaks() throws Exception {
        when(submissions.submit(any(), eq("hague"), any(), any())).thenThrow(new RequestRejected(List.of(
                new Violation("requests[r-1]", "window", "lies outside the event"),
                new Violation("requests[r-1]", "durationMinutes", "50 is not a positive multiple of 15 minutes"))));

        mvc.perform(post("/api/events/hague/requests").with(nos()).contentType(MediaType.APPLICATION_JSON)
                        .content(BOOTH))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Request refused"))
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].field").value("window"))
                .andExpect(jsonPath("$.errors[1].message").value("50 is not a positive multiple of 15 minutes"));
    }

    @Test
    void brokenJsonIsABadRequestThatSaysWhere() throws Exception {
        mvc.perform(post("/api/events/hague/requests").with(nos()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\": \"EDIT_BOOTH\",\n \"window\": }"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("line 2")));
    }

    @Test
    void aWrongValueTypeNamesTheFieldNotAJavaClass() throws Exception {
        mvc.perform(post("/api/events/hague/requests").with(nos()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\": \"HELIPAD\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("(type)")))
                .andExpect(jsonPath("$.detail").value(Matchers.not(Matchers.containsString("org.broadcast"))));
    }

    @Test
    void anAmendmentWithoutAVersionIsPreconditionRequired() throws Exception {
        when(desk.amend(any(), anyString(), anyString(), any(), any(), any()))
                .thenThrow(new PreconditionRequired("send If-Match with the request's version"));

        mvc.perform(put("/api/events/hague/requests/r-1").with(nos()).contentType(MediaType.APPLICATION_JSON)
                        .content(BOOTH))
                .andExpect(status().isPreconditionRequired())
                .andExpect(jsonPath("$.detail").value("send If-Match with the request's version"));
    }

    @Test
    void aStaleIfMatchIsPreconditionFailed() throws Exception {
        when(desk.amend(any(), anyString(), anyString(), any(), eq(0), any()))
                .thenThrow(new StaleVersion("request r-1", 0, 2, true));

        mvc.perform(put("/api/events/hague/requests/r-1").with(nos()).header("If-Match", "\"0\"")
                        .contentType(MediaType.APPLICATION_JSON).content(BOOTH))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("version 2, not 0")));
    }

    @Test
    void somethingMissingIsNotFound() throws Exception {
        when(desk.get(any(), eq("hague"), eq("r-9"))).thenThrow(new NotFound("request r-9"));

        mvc.perform(get("/api/events/hague/requests/r-9").with(nos()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("request r-9 not found"));
    }

    @Test
    void anUnexpectedFaultIsA500WithAnIdAndNoStackTrace() throws Exception {
        when(desk.list(any(), eq("hague"))).thenThrow(new IllegalStateException("secret internals"));

        mvc.perform(get("/api/events/hague/requests").with(nos()))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.errorId").isNotEmpty())
                .andExpect(content().string(Matchers.not(Matchers.containsString("secret internals"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("at org."))));
    }

    @Test
    void noCredentialsIsUnauthorisedAsAProblem() throws Exception {
        mvc.perform(get("/api/events/hague/requests"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private static RequestPostProcessor nos() {
        return authentication(new UsernamePasswordAuthenticationToken(new Broadcaster("hague", "nos"), null,
                List.of(new SimpleGrantedAuthority("ROLE_BROADCASTER"))));
    }
}
