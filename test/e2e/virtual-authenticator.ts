/**
 * Playwright helper: a CDP virtual authenticator on one page, so real WebAuthn ceremonies
 * (navigator.credentials.create/get) complete headlessly. Chromium only.
 *
 *   const auth = await addVirtualAuthenticator(page);
 *   ...click the button that calls create()...
 *   expect(await auth.getCredentials()).toHaveLength(1);
 *   await auth.remove();
 *
 * Attach it before anything on the page can call create(): without an authenticator headless
 * Chromium leaves the ceremony pending forever.
 */
import type { CDPSession, Page } from '@playwright/test';

export interface VirtualAuthenticatorOptions {
  protocol: 'ctap2' | 'u2f';
  transport: 'usb' | 'nfc' | 'ble' | 'cable' | 'internal';
  hasResidentKey: boolean;
  hasUserVerification: boolean;
  isUserVerified: boolean;
  automaticPresenceSimulation: boolean;
  [option: string]: unknown;
}

export interface VirtualCredential {
  /** base64url (CDP hands out padded base64; converted here) */
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  /** base64url */
  userHandle?: string;
  signCount: number;
  [field: string]: unknown;
}

export interface VirtualAuthenticator {
  readonly authenticatorId: string;
  readonly cdp: CDPSession;
  getCredentials(): Promise<VirtualCredential[]>;
  setUserVerified(isUserVerified: boolean): Promise<void>;
  /** false → a create() that stays pending (no simulated user presence) */
  setPresence(enabled: boolean): Promise<void>;
  remove(): Promise<void>;
}

export const DEFAULT_AUTHENTICATOR_OPTIONS: VirtualAuthenticatorOptions = {
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
};

const toBase64url = (s: string): string => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Opens a CDP session on `page`, enables the WebAuthn domain and attaches an authenticator. */
export async function addVirtualAuthenticator(
  page: Page,
  options: Partial<VirtualAuthenticatorOptions> = {},
): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { ...DEFAULT_AUTHENTICATOR_OPTIONS, ...options } as VirtualAuthenticatorOptions,
  });
  return {
    authenticatorId,
    cdp,
    async getCredentials() {
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      return credentials.map((c) => ({
        ...c,
        credentialId: toBase64url(c.credentialId),
        ...(c.userHandle !== undefined ? { userHandle: toBase64url(c.userHandle) } : {}),
      }));
    },
    async setUserVerified(isUserVerified: boolean) {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified });
    },
    async setPresence(enabled: boolean) {
      await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled });
    },
    async remove() {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      await cdp.detach();
    },
  };
}
