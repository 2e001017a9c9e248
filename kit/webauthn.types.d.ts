/**
 * The Chrome DevTools Protocol's virtual authenticator, as corbado-append/testing hands it out
 * (CDP `WebAuthn` domain; ids as base64url). No imports: the repository's own test helpers use
 * these types too.
 */

/** CDP `WebAuthn.VirtualAuthenticatorOptions`. */
export interface VirtualAuthenticatorOptions {
  protocol: 'ctap2' | 'u2f';
  ctap2Version?: 'ctap2_0' | 'ctap2_1';
  transport: 'usb' | 'nfc' | 'ble' | 'cable' | 'internal';
  hasResidentKey: boolean;
  hasUserVerification: boolean;
  hasLargeBlob?: boolean;
  hasCredBlob?: boolean;
  hasMinPinLength?: boolean;
  hasPrf?: boolean;
  /** false: a `create()` waits for a user presence that never comes (a pending ceremony). */
  automaticPresenceSimulation: boolean;
  /** false: user verification fails (`NotAllowedError` when the options require it). */
  isUserVerified: boolean;
  defaultBackupEligibility?: boolean;
  defaultBackupState?: boolean;
}

/** CDP `WebAuthn.Credential`, with `credentialId` and `userHandle` as base64url. */
export interface VirtualCredential {
  /** base64url, as the emulator's `StoredPasskey.id` (corbado-append/emulator) */
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  /** base64 (standard) PKCS#8 private key */
  privateKey: string;
  /** base64url */
  userHandle?: string;
  signCount: number;
  largeBlob?: string;
  backupEligibility?: boolean;
  backupState?: boolean;
  userName?: string;
  userDisplayName?: string;
}

/** A virtual authenticator attached to one page. */
export interface VirtualAuthenticator {
  readonly authenticatorId: string;
  /** The passkeys on it. */
  getCredentials(): Promise<VirtualCredential[]>;
  /** false: the next ceremonies fail user verification. */
  setUserVerified(isUserVerified: boolean): Promise<void>;
  /** false: the next `create()` stays pending (no simulated user presence). */
  setPresence(enabled: boolean): Promise<void>;
  /** Detaches it (and its DevTools session). */
  remove(): Promise<void>;
}
