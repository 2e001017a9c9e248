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
 * no-op where the browser lacks it.
 * @param credentialId base64url
 */
export function signalUnknownCredential(rpId: string, credentialId: string): void {
  const pkc = globalThis.PublicKeyCredential as unknown as {
    signalUnknownCredential?: (o: { rpId: string; credentialId: string }) => Promise<void>;
  };
  pkc?.signalUnknownCredential?.({ rpId, credentialId })?.catch(() => undefined);
}
