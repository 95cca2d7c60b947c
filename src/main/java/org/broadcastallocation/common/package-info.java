/**
 * Helpers every module may use: the documents' JSON settings ({@code Json}), jsonb columns ({@code JsonColumns})
 * and the exceptions that the HTTP edge turns into problem details. Open and free of Spring, so that the command line
 * and the engine's tools can use it too; it depends on {@code problem} only (a rejection lists its violations).
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN, allowedDependencies = "problem")
package org.broadcastallocation.common;

import org.springframework.modulith.ApplicationModule;
