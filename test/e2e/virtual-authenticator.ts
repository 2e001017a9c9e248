/**
 * Playwright helper: a CDP virtual authenticator on one page, so real WebAuthn ceremonies
 * (navigator.credentials.create/get) complete headlessly. Chromium only. The same commands, on
 * the same defaults, as web-test-runner's (test/plugins/webauthn-plugin.js).
 *
 *   const auth = await addVirtualAuthenticator(page);
 *   ...click the button that calls create()...
 *   expect(await auth.getCredentials()).toHaveLength(1);
 *   await auth.remove();
 *
 * Attach it before anything on the page can call create(): without an authenticator headless
 * Chromium leaves the ceremony pending forever.
 */
import type { Page } from '@playwright/test';
import type { VirtualAuthenticator } from '../../kit/webauthn.types.js';
import type { VirtualAuthenticatorOptions, VirtualCredential } from '../helpers/webauthn.js';
import { attachWebAuthn, cdpDriver, runCommand } from '../plugins/webauthn-plugin.js';

/** The shipped kit's (corbado-append/testing) handle. */
export type { VirtualAuthenticator };

/** Opens a CDP session on `page`, enables the WebAuthn domain and attaches an authenticator. */
export async function addVirtualAuthenticator(
  page: Page,
  options: Partial<VirtualAuthenticatorOptions> = {},
): Promise<VirtualAuthenticator> {
  const cdp = await attachWebAuthn(page);
  const driver = cdpDriver(cdp);
  const ids = new Set<string>();
  const authenticatorId = await runCommand<string>(driver, ids, 'webauthn:add', options);
  const run = async (command: string, payload: object = {}) => {
    await runCommand(driver, ids, command, { authenticatorId, ...payload });
  };
  return {
    authenticatorId,
    getCredentials: () => runCommand<VirtualCredential[]>(driver, ids, 'webauthn:get-credentials', { authenticatorId }),
    setUserVerified: (isUserVerified) => run('webauthn:set-user-verified', { isUserVerified }),
    setPresence: (enabled) => run('webauthn:set-presence', { enabled }),
    async remove() {
      await run('webauthn:remove');
      await cdp.detach();
    },
  };
}
