/**
 * The element's whole flow in the playground (init → start → learn more → create() with the
 * virtual authenticator → finish), every /v2 call checked on the wire against the repository's
 * API description: each request body against its operation's schema, each answer against its
 * response schema (both directions; the emulator also checks its own answers).
 */
import { expect, test } from '@playwright/test';
import { connectEmulator } from '../../emulator/client.js';
import { problemsOf, recordApiTraffic, type ApiCall } from './api-traffic';
import { addVirtualAuthenticator } from './virtual-authenticator';

test('every request and answer of the element flow matches api/connect-append.openapi.yaml', async ({ page, baseURL }) => {
  const projectId = `pro-e2e-conformance-${Date.now().toString(36)}`;
  const traffic = recordApiTraffic(page);
  const authenticator = await addVirtualAuthenticator(page);
  try {
    await page.goto(`/?projectId=${projectId}`);
    const element = page.locator('corbado-append').first();
    await expect(element.locator('[part~="primary-button"]')).toBeEnabled({ timeout: 15_000 });
    await element.locator('[part~="learn-more-button"]').click(); // → POST /v2/connect/events
    await element.locator('[part~="primary-button"]').click();
    await expect(element).toHaveJSProperty('state', 'success', { timeout: 10_000 });
    await expect.poll(async () => (await traffic.calls()).some((c) => c.path === '/v2/connect/events')).toBe(true);

    const calls = await traffic.calls();
    const paths = new Set(calls.map((c) => c.path));
    for (const path of ['/v2/connect/append/init', '/v2/connect/append/start', '/v2/connect/append/finish', '/v2/connect/events']) {
      expect(paths, path).toContain(path);
    }
    expect(calls.map((c) => c.status).filter((s) => s >= 300)).toEqual([]);
    for (const c of calls) expect(c.headers['x-corbado-projectid'], c.path).toBe(projectId);
    expect(await traffic.problems()).toEqual([]);
    // The check sees a broken call in this very traffic (a mistyped flag, a finish answer without passkeyOperation).
    const init = calls.find((c) => c.path === '/v2/connect/append/init')!;
    const finish = calls.find((c) => c.path === '/v2/connect/append/finish')!;
    const broken: ApiCall[] = [
      { ...init, body: { ...(init.body as object), flags: { rollout: 1 } } },
      { ...finish, response: {} },
    ];
    expect(await problemsOf(broken)).toEqual([
      'POST /v2/connect/append/init: request flags.rollout: must be string',
      'POST /v2/connect/append/finish: answer 200 passkeyOperation: is required',
    ]);

    expect(await connectEmulator(baseURL!, { projectId }).listPasskeys()).toHaveLength(1);
  } finally {
    await authenticator.remove();
  }
});
