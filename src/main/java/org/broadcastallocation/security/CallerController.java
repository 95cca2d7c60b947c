package org.broadcastallocation.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Caller", description = "Who the credentials sign in as: the console checks them and shows what the role may do.")
class CallerController {

    /** {@code event} and {@code organisation} are set for a broadcaster's API key only. */
    public record Caller(String name, String role, String event, String organisation) {
    }

    @GetMapping("/api/me")
    @Operation(summary = "The signed-in caller: name and role (PLANNER, OPERATOR or BROADCASTER)")
    Caller me(Authentication caller) {
        if (caller.getPrincipal() instanceof Broadcaster broadcaster) {
            return new Caller(broadcaster.organisationId(), SecurityConfiguration.BROADCASTER, broadcaster.eventId(),
                    broadcaster.organisationId());
        }
        boolean planner = caller.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + SecurityConfiguration.PLANNER));
        return new Caller(caller.getName(), planner ? SecurityConfiguration.PLANNER : SecurityConfiguration.OPERATOR,
                null, null);
    }
}
