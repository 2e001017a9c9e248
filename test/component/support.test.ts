/**
 * `webAuthnAvailable()` — the gate before any request: secure context, `PublicKeyCredential`,
 * `navigator.credentials.create`. The test page (http://localhost) is a secure context and a real
 * insecure one cannot be made on localhost, so `isSecureContext` is stubbed here (and in
 * test/component/unsupported.test.ts), like the other two.
 */
import { expect } from '@open-wc/testing';
import { webAuthnAvailable } from '../../src/webauthn/support.js';
import { stubProperty as stub } from '../helpers/spies.js';

// Every stub is undone after its test (test/helpers/cleanup.ts); `undo()` puts it back earlier.
describe('webAuthnAvailable', () => {
  it('true in this Chromium (secure localhost, WebAuthn present)', () => {
    expect(window.isSecureContext).to.equal(true);
    expect(webAuthnAvailable()).to.equal(true);
  });

  it('false in an insecure context (isSecureContext false or missing)', () => {
    const undo = stub(window, 'isSecureContext', false);
    expect(webAuthnAvailable()).to.equal(false);
    undo();
    stub(window, 'isSecureContext', undefined, true);
    expect(webAuthnAvailable()).to.equal(false);
  });

  it('false without PublicKeyCredential (deleted, undefined, or not a constructor)', () => {
    for (const value of [undefined, null, {}, 'PublicKeyCredential']) {
      const undo = stub(window, 'PublicKeyCredential', value);
      expect(webAuthnAvailable(), String(value)).to.equal(false);
      undo();
    }
    stub(window, 'PublicKeyCredential', undefined, true);
    expect('PublicKeyCredential' in window).to.equal(false);
    expect(webAuthnAvailable()).to.equal(false);
  });

  it('false without navigator.credentials or its create()', () => {
    for (const [target, key, value] of [
      [navigator, 'credentials', undefined],
      [navigator, 'credentials', {}],
      [navigator.credentials, 'create', undefined],
    ] as const) {
      const undo = stub(target, key, value);
      expect(webAuthnAvailable(), `${key}: ${JSON.stringify(value)}`).to.equal(false);
      undo();
    }
    expect(webAuthnAvailable(), 'restored').to.equal(true);
  });
});
