/**
 * The HTTP edge and nothing of the features: problem details (RFC 9457) for every error, request limits,
 * container and servlet errors, answers that stand once committed. Each feature's controller lives in its module.
 */
@ApplicationModule(allowedDependencies = { "common", "problem" })
package org.broadcastallocation.web;

import org.springframework.modulith.ApplicationModule;
