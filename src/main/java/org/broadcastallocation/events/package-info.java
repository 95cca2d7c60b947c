/**
 * Events as stored: their settings, site (zones, resources) and organisations, and the times as an event's own
 * clock reads them. The bottom of the booking modules: it knows nothing of requests or rounds.
 */
@ApplicationModule(allowedDependencies = { "common", "problem" })
package org.broadcastallocation.events;

import org.springframework.modulith.ApplicationModule;
