/**
 * Koa middleware for web-test-runner: serves the project's shared case files, read fresh from
 * disk on every request, at `/__shared/cases/<name>.json`. They live beside the repository, in
 * `../shared/cases/` relative to its root (CI clones the repo with `shared/` as a sibling), so
 * the tests always read the real shared file, never a copy.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ROUTE = /^\/__shared\/cases\/([A-Za-z0-9_.-]+\.json)$/;

/** @param {{dir?: string}} [opts] dir: the cases folder (default `<repo>/../shared/cases`) */
export function sharedCasesMiddleware({ dir } = {}) {
  const root = dir ?? fileURLToPath(new URL('../../../shared/cases/', import.meta.url));
  /**
   * The part of koa's context this middleware uses.
   * @param {{path: string, method: string, body: unknown, type: string, status: number, set(field: string, value: string): void}} ctx
   * @param {() => Promise<unknown>} next
   */
  return async (ctx, next) => {
    const m = ROUTE.exec(ctx.path);
    if (!m || ctx.method !== 'GET' || m[1].startsWith('.')) return next();
    try {
      ctx.body = await readFile(path.join(root, m[1]), 'utf8');
      ctx.type = 'application/json';
      ctx.set('cache-control', 'no-store');
    } catch {
      ctx.status = 404;
      ctx.body = `no shared case file ${m[1]} in ${root}`;
    }
  };
}
