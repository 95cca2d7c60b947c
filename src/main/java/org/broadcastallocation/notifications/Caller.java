package org.broadcastallocation.notifications;

import java.util.List;

import org.springframework.security.core.Authentication;

import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.common.RequestRejected;
import org.broadcastallocation.problem.Violation;
import org.broadcastallocation.security.Broadcaster;

/**
 * Who calls, and for which organisation. A key speaks for its own organisation only (another event, or another
 * organisation, is "not found": its existence is not the caller's business); staff name the organisation they act
 * for, or none for staff's own endpoints and for reading everything.
 */
record Caller(Broadcaster broadcaster, String name) {

    static Caller of(Authentication authentication) {
        if (authentication.getPrincipal() instanceof Broadcaster broadcaster) {
            return new Caller(broadcaster, "key:" + broadcaster.eventId() + "/" + broadcaster.organisationId());
        }
        return new Caller(null, authentication.getName());
    }

    boolean isStaff() {
        return broadcaster == null;
    }

    /**
     * @param requested the organisation named in the call, or null
     * @return the organisation the call is about; null for staff who named none
     */
    String organisation(String eventId, String requested) {
        if (isStaff()) {
            return requested;
        }
        if (!broadcaster.eventId().equals(eventId)) {
            throw new NotFound("event " + eventId);
        }
        if (requested != null && !requested.equals(broadcaster.organisationId())) {
            throw new NotFound("organisation " + requested);
        }
        return broadcaster.organisationId();
    }

    /** As {@link #organisation}, where staff must name one (an organisation's contacts and feeds). */
    String requiredOrganisation(String eventId, String requested) {
        String organisation = organisation(eventId, requested);
        if (organisation == null) {
            throw new RequestRejected(List.of(new Violation("query", "organisation",
                    "is required: name the organisation you act for (?organisation=...)")));
        }
        return organisation;
    }

    /** Whether the caller may see or change something of this organisation (null: staff's own). */
    boolean reaches(String organisation) {
        return isStaff() || broadcaster.organisationId().equals(organisation);
    }
}
