/**
 * Broadcasters' requests and the pins (published allocations) they hold: submission, amendment,
 * cancellation, rejection, calendars of confirmed allocations, and their HTTP endpoints. Reads events, never the
 * catalogue or the rounds above it.
 */
@ApplicationModule(allowedDependencies = { "common", "problem", "events", "audit", "security" })
package org.broadcastallocation.requests;

import org.springframework.modulith.ApplicationModule;
