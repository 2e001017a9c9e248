/**
 * Koa middleware for @web/test-runner's `middleware` config: serves the emulator's paths from the
 * test server itself (same origin as the test page), passes everything else on.
 *
 * @example
 * // web-test-runner.config.js
 * import { createEmulator } from './emulator/core.js';
 * import { emulatorKoaMiddleware } from './emulator/koa.js';
 * export default { middleware: [emulatorKoaMiddleware(createEmulator())] };
 */

/**
 * @param {import('./core.js').Emulator} emulator
 * @returns {(ctx: {req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, respond?: boolean}, next: () => Promise<unknown>) => Promise<void>}
 */
export function emulatorKoaMiddleware(emulator) {
  return async (ctx, next) => {
    // The emulator reads the body from the raw request; koa has not consumed it.
    if (await emulator.handle(ctx.req, ctx.res)) ctx.respond = false;
    else await next();
  };
}
