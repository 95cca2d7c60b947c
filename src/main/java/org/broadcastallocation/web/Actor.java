package org.broadcastallocation.web;

import org.springframework.security.core.Authentication;

import org.broadcastallocation.security.Broadcaster;

/** Who is calling, as the audit log names them: a staff user name, or "key:<event>/<organisation>". */
final class Actor {

    private Actor() {
    }

    static String of(Authentication authentication) {
        if (authentication == null) {
            return "anonymous";
        }
        if (authentication.getPrincipal() instanceof Broadcaster broadcaster) {
            return "key:" + broadcaster.eventId() + "/" + broadcaster.organisationId();
        }
        return authentication.getName();
    }
}
