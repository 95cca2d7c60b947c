/**
 * The solver's own moves and selection filters: the one place where the engine uses Timefold's {@code impl}
 * packages, which carry no compatibility promise between releases. What is used: {@code MoveIteratorFactory},
 * {@code Move}, {@code CompositeMove}, {@code ChangeMove}, {@code GenuineVariableDescriptor},
 * {@code InnerScoreDirector} (to find the variable descriptors) and {@code SelectionFilter}; written against Timefold
 * 1.32.0. On an upgrade, compile this package first and run AllocationSolverTest (FULL_ASSERT on tiny, which checks
 * every move's undo and score delta). Timefold's public Neighborhoods API (a preview since 1.30) would replace them
 * once it is stable: on each upgrade, read its release notes for that API leaving preview and for changes to the
 * classes above. Outside the engine, only the benchmark touches {@code impl} ({@code DefaultSolver}'s move evaluation
 * speed, a figure of its report).
 */
package org.broadcastallocation.allocation.moves;
