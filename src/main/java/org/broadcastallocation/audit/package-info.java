/**
 * The append-only audit log: who changed what, when, before and after.
 */
@ApplicationModule(allowedDependencies = "common")
package org.broadcastallocation.audit;

import org.springframework.modulith.ApplicationModule;
