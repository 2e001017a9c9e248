/**
 * One undo list per test. Helpers register what they install — mounted elements, spies, stubs,
 * the virtual authenticator — and a root-level `afterEach` (this module's) undoes it, last in
 * first out, so test files need no `beforeEach`/`afterEach` boilerplate of their own.
 *
 * Every task runs even when one throws; the first error then fails the test's hook.
 */
const tasks: (() => unknown)[] = [];

/** Runs `task` after the current test (after the test file's own `afterEach` hooks). */
export function onCleanup(task: () => unknown): void {
  tasks.push(task);
}

/** A function that does its work the first time it is called and nothing after. */
export function once(undo: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    undo();
  };
}

afterEach(async () => {
  let first: unknown;
  while (tasks.length) {
    try {
      await tasks.pop()!();
    } catch (e) {
      first ??= e;
    }
  }
  if (first !== undefined) throw first;
});
