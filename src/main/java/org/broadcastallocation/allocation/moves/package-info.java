/**
 * The solver's own moves and selection filters: the one place where the engine uses Timefold's {@code impl}
 * packages, which carry no compatibility promise between releases. What is used: {@code MoveIteratorFactory},
 * {@code Move}, {@code CompositeMove}, {@code ChangeMove}, {@code GenuineVariableDescriptor},
 * {@code InnerScoreDirector} (to find the variable descriptors) and {@code SelectionFilter}; written against Timefold
 * 1.32.0. On an upgrade, compile this package first and run AllocationSolverTest (FULL_ASSERT on tiny, which checks
 * every move's undo and score delta). Timefold's public Neighborhoods API (preview in 1.x) would replace them once
 * it is stable.
 */
package org.broadcastallocation.allocation.moves;
