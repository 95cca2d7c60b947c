/**
 * Allocation rounds: a snapshot of the current problem, solved in the background by one instance (claims,
 * heartbeats, recovery in PostgreSQL), published as pins; their reports, analyses, timelines and diffs. The top of
 * the booking modules: nothing depends on it.
 */
@ApplicationModule(allowedDependencies = { "common", "problem", "allocation", "engine", "report", "events",
        "requests", "catalogue", "audit", "security" })
package org.broadcastallocation.rounds;

import org.springframework.modulith.ApplicationModule;
