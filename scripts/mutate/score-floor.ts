/**
 * The mutation score the full run must not fall below (docs/testing.md). Raise it when tests kill
 * more; never lower it to let a change through: add the test that kills the new survivor, or, for a
 * mutant no test can tell apart (an equivalent one), say why in docs/testing.md's table of survivors.
 * At 95 the 98 mutants allow the four survivors explained there and no fifth.
 */
export const SCORE_FLOOR_PERCENT = 95;
