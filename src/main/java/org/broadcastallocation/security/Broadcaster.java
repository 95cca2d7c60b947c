package org.broadcastallocation.security;

/** Who a valid API key speaks for: one organisation at one event. */
public record Broadcaster(String eventId, String organisationId) {
}
