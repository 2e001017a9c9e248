/**
 * The whole flow in the playground, with real WebAuthn (CDP virtual authenticator): the page
 * shows <corbado-append> for project `pro-local`; its shadow part `primary-button` creates a
 * passkey, which the emulator then lists under GET /emulator/credentials?projectId=pro-local.
 */
import { expect, test } from '@playwright/test';
import { connectEmulator } from '../../emulator/client.js';
import { addVirtualAuthenticator } from './virtual-authenticator';

const PROJECT = 'pro-local';

test('click → a passkey on the authenticator and in the emulator', async ({ page, baseURL }) => {
  const emulator = connectEmulator(baseURL!, { projectId: PROJECT });
  // A clean project: a passkey from an earlier run would turn the click into complete-noop.
  await emulator.reset();

  // Attach the authenticator before the page can call create().
  const authenticator = await addVirtualAuthenticator(page);
  try {
    await page.goto('/');
    // Playwright's CSS engine pierces open shadow roots.
    const button = page.locator('corbado-append [part~="primary-button"]');
    await expect(button).toBeVisible({ timeout: 15_000 });
    await expect(button).toBeEnabled();
    await button.click();

    const storedIds = async () => (await emulator.listPasskeys()).map((c) => c.id);
    await expect.poll(storedIds, { timeout: 10_000 }).toHaveLength(1);

    const stored = await storedIds();
    const onAuthenticator = (await authenticator.getCredentials()).map((c) => c.credentialId);
    expect(onAuthenticator).toEqual(stored);

    await expect(page.locator('corbado-append').first()).toHaveJSProperty('state', 'success');
  } finally {
    await authenticator.remove();
  }
});
