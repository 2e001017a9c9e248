/**
 * `webAuthnAvailable()` — the gate before any request: secure context, `PublicKeyCredential`,
 * `navigator.credentials.create`. The test page (http://localhost) is a secure context and a real
 * insecure one cannot be made on localhost, so `isSecureContext` is stubbed here (and in
 * test/component/unsupported.test.ts), like the other two.
 */
import { expect } from '@open-wc/testing';
import { webAuthnAvailable } from '../../src/webauthn/support.js';
import { stubProperty as stub } from '../helpers/spies.js';

describe('webAuthnAvailable', () => {
  let undo: (() => void)[] = [];
  afterEach(() => {
    for (const u of undo.reverse()) u();
    undo = [];
  });

  it('true in this Chromium (secure localhost, WebAuthn present)', () => {
    expect(window.isSecureContext).to.equal(true);
    expect(webAuthnAvailable()).to.equal(true);
  });

  it('false in an insecure context (isSecureContext false or missing)', () => {
    undo.push(stub(window, 'isSecureContext', false));
    expect(webAuthnAvailable()).to.equal(false);
    undo.pop()!();
    undo.push(stub(window, 'isSecureContext', undefined, true));
    expect(webAuthnAvailable()).to.equal(false);
  });

  it('false without PublicKeyCredential (deleted, undefined, or not a constructor)', () => {
    for (const value of [undefined, null, {}, 'PublicKeyCredential']) {
      const u = stub(window, 'PublicKeyCredential', value);
      expect(webAuthnAvailable(), String(value)).to.equal(false);
      u();
    }
    undo.push(stub(window, 'PublicKeyCredential', undefined, true));
    expect('PublicKeyCredential' in window).to.equal(false);
    expect(webAuthnAvailable()).to.equal(false);
  });

  it('false without navigator.credentials or its create()', () => {
    undo.push(stub(navigator, 'credentials', undefined));
    expect(webAuthnAvailable()).to.equal(false);
    undo.pop()!();
    undo.push(stub(navigator, 'credentials', {}));
    expect(webAuthnAvailable()).to.equal(false);
    undo.pop()!();
    undo.push(stub(navigator.credentials, 'create', undefined));
    expect(webAuthnAvailable()).to.equal(false);
    undo.pop()!();
    expect(webAuthnAvailable(), 'restored').to.equal(true);
  });
});
