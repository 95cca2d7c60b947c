/**
 * Whole events in and out as problem documents (import, the current problem as an export), a planner's
 * edits of the site and organisations, and the sample event of a first start. Above both {@code events} and
 * {@code requests}: an export reads both, and a site edit must respect the pins a request holds.
 */
@ApplicationModule(allowedDependencies = { "common", "problem", "events", "requests", "audit", "security" })
package org.broadcastallocation.catalogue;

import org.springframework.modulith.ApplicationModule;
