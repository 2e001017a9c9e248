/**
 * The one spy library of the browser tests: spies and stand-ins for the globals the element
 * calls — `fetch`, `navigator.credentials.create`, `Date.now`, timers, listeners, `console`, any
 * property. Each installs itself on the real global and is undone after the test
 * (test/helpers/cleanup.ts); `restore()` undoes it earlier. Install spies before mounting.
 *
 * - spies/fetch.ts    `spyFetch` (record, `answer`, `rewrite`), `jsonResponse`, `finishOk`, `corbadoError`
 * - spies/create.ts   `spyCreate` (record, `answer`, the conditional-create `modal-stand-in` STUB)
 * - spies/globals.ts  `pause`, `realTimers`, `fakeTimers` (sinon), `skewClock`, `stubProperty`,
 *                     `spyLeaks` (timers and listeners left behind: the one leak tracker), `spyConsole`,
 *                     `spyPageErrors`, `safeJson`, `bytesOf`
 */
export * from './spies/fetch.js';
export * from './spies/create.js';
export * from './spies/globals.js';
