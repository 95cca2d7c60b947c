/**
 * Who may call: staff sign-in, broadcasters' API keys, rate and sign-in limits, cross-site checks, and who the
 * caller is ({@code Actor} for the audit log, {@code /api/me}).
 */
@ApplicationModule(allowedDependencies = { "common", "audit" })
package org.broadcastallocation.security;

import org.springframework.modulith.ApplicationModule;
