package org.broadcastallocation.security;

import org.springframework.security.core.Authentication;

/** Who is calling, as the audit log names them: a staff user name, or "key:<event>/<organisation>". */
public final class Actor {

    private Actor() {
    }

    public static String of(Authentication authentication) {
        if (authentication == null) {
            return "anonymous";
        }
        if (authentication.getPrincipal() instanceof Broadcaster broadcaster) {
            return "key:" + broadcaster.eventId() + "/" + broadcaster.organisationId();
        }
        return authentication.getName();
    }
}
