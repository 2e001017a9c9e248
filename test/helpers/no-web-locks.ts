/**
 * STUB: a browser without Web Locks (Safari < 15.4, Firefox < 96). Imported first by a test file
 * (before the element's module loads), it removes `navigator.locks` for the rest of that test
 * file's page: the element's claims then hold within the page only, and other tabs learn of its
 * starts through start marks alone (src/flow/claims.ts). test/pages/tab.html does the same with
 * `?webLocks=0`.
 */
Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true });

export {};
