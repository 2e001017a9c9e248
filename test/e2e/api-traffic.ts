/**
 * Playwright helper: every Frontend API call a page makes (`/v2/*`, any origin), as seen on the
 * wire — method, headers, request body, status, response body — and its check against the
 * repository's API description (emulator/openapi.js, Ajv): the request body against its
 * operation's `requestBody` schema, the answer against its response for that status.
 *
 *   const traffic = recordApiTraffic(page);
 *   ...run the flow...
 *   expect(await traffic.problems()).toEqual([]);
 */
import type { Page, Request } from '@playwright/test';

/** One /v2 exchange. */
export interface ApiCall {
  /** e.g. `/v2/connect/append/init` */
  path: string;
  origin: string;
  method: string;
  /** request headers, lower-case names */
  headers: Record<string, string>;
  /** the parsed JSON request body (undefined: none or not JSON) */
  body: unknown;
  status: number;
  /** the parsed JSON answer (undefined: empty) */
  response: unknown;
}

/** emulator/openapi.js is plain JS (JSDoc types, no declarations): the part used here. */
interface OpenApiModule {
  requestProblems(path: string, body: unknown): { field: string; message: string }[];
  responseProblems(path: string, status: number, body: unknown): { field: string; message: string }[];
}
const OPENAPI_MODULE = '../../emulator/openapi.js';

const parse = (text: string | null | undefined): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // not JSON: left as text, and the check says so
  }
};

/** Every mismatch of `calls` with the API description, as `METHOD path: request|answer STATUS field: message`. */
export async function problemsOf(calls: ApiCall[]): Promise<string[]> {
  const { requestProblems, responseProblems } = (await import(OPENAPI_MODULE)) as OpenApiModule;
  return calls.flatMap((c) => [
    ...(c.method === 'POST' ? [] : [`${c.method} ${c.path}: not a POST`]),
    ...requestProblems(c.path, c.body).map((p) => `${c.method} ${c.path}: request ${p.field}: ${p.message}`),
    ...responseProblems(c.path, c.status, c.response).map((p) => `${c.method} ${c.path}: answer ${c.status} ${p.field}: ${p.message}`),
  ]);
}

/** Records the page's /v2 calls (preflights are not API calls and are left out). */
export function recordApiTraffic(page: Page) {
  const pending: Promise<ApiCall | undefined>[] = [];
  const record = async (request: Request): Promise<ApiCall | undefined> => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/v2/') || request.method() === 'OPTIONS') return undefined;
    const response = await request.response();
    if (!response) return undefined;
    return {
      path: url.pathname,
      origin: url.origin,
      method: request.method(),
      headers: await request.allHeaders(),
      body: parse(request.postData()),
      status: response.status(),
      response: parse(await response.text().catch(() => '')),
    };
  };
  page.on('requestfinished', (request) => pending.push(record(request)));
  const calls = async () => (await Promise.all(pending)).filter((c): c is ApiCall => c !== undefined);
  return {
    /** The calls so far, in the order they finished. */
    calls,
    /** {@link problemsOf} the calls so far. */
    problems: async () => problemsOf(await calls()),
  };
}
