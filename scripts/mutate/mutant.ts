/**
 * One hand-written mutant: the smallest change to the code that makes a bug a user would notice,
 * and the suites that should notice it.
 */
export interface Mutant {
  /** stable name, used to pick mutants on the command line (`npm run mutate -- claim`) */
  id: string;
  /** path from the repository root */
  file: string;
  /** text that must occur exactly once in the file */
  find: string;
  replace: string;
  /** test files (from the repository root) that should fail with the mutant in place */
  suites: string[];
  /** what a user would see if this bug shipped */
  bug: string;
  /** integration suites run on SQLite unless the code changed only runs on Postgres */
  db?: 'sqlite' | 'postgres';
}
