/**
 * What this browser's WebAuthn offers beyond `create()`: whether it can run at all, and the
 * L3 signal API.
 */

/** WebAuthn can run here: secure context, `PublicKeyCredential`, `navigator.credentials.create`. */
export function webAuthnAvailable(): boolean {
  return (
    globalThis.isSecureContext === true &&
    typeof globalThis.PublicKeyCredential === 'function' &&
    typeof navigator.credentials?.create === 'function'
  );
}

/**
 * WebAuthn L3 §5.1.10 `PublicKeyCredential.signalUnknownCredential`: tell the passkey provider
 * that the relying party does not know this credential, so it may drop it. Fire-and-forget; a
 * no-op where the browser lacks it. Never throws, whatever a polyfill or an extension put there
 * (a function that throws, returns no promise, or a promise that rejects).
 * @param credentialId base64url
 */
export function signalUnknownCredential(rpId: string, credentialId: string): void {
  try {
    const pkc = globalThis.PublicKeyCredential as unknown as { signalUnknownCredential?: unknown };
    const signal = pkc?.signalUnknownCredential;
    if (typeof signal !== 'function') return;
    Promise.resolve(signal.call(pkc, { rpId, credentialId })).catch(() => undefined);
  } catch {
    /* a courtesy to the passkey provider: nothing depends on it */
  }
}
