/**
 * Unsupported environments: `webAuthnAvailable()`, the gate before any request (secure context,
 * `PublicKeyCredential`, `navigator.credentials.create`), and the element behind it: no
 * `PublicKeyCredential`, no `navigator.credentials` (or no `create`), an insecure context → a quiet
 * `skip-implicit` with reason `unsupported`, before any request and without ever rendering (no
 * spinner, no card). Each environment is made by stubbing the globals before mount; the test page
 * (http://localhost) is a secure context and a real insecure one cannot be made on localhost, so
 * `isSecureContext` is stubbed. (A real browser without WebAuthn: test/webkit/.)
 */
import { expect } from '@open-wc/testing';
import { getRequests, uniqueProjectId } from '../helpers/emulator.js';
import { mountAppend } from '../helpers/fixture.js';
import { webAuthnAvailable } from '../../src/webauthn/support.js';
import { pause, spyCreate, spyFetch, stubProperty as stub } from '../helpers/spies.js';

/** Room for a late render or request after the skip. */
const SETTLE_MS = 150;

const environments: [string, () => (() => void)[]][] = [
  ['PublicKeyCredential deleted', () => [stub(window, 'PublicKeyCredential', undefined, true)]],
  ['PublicKeyCredential shadowed by undefined', () => [stub(window, 'PublicKeyCredential', undefined)]],
  ['navigator.credentials missing', () => [stub(navigator, 'credentials', undefined)]],
  ['navigator.credentials.create missing', () => [stub(navigator.credentials, 'create', undefined)]],
  ['insecure context (isSecureContext stubbed false)', () => [stub(window, 'isSecureContext', false)]],
];

describe('<corbado-append> unsupported environments', () => {
  for (const [name, make] of environments) {
    it(`${name} → skip-implicit unsupported, no request, never rendered`, async () => {
      const projectId = uniqueProjectId();
      const create = spyCreate({ answer: () => Promise.reject(new Error('create() must not be called')) });
      const net = spyFetch();
      const tokenCalls: number[] = [];
      const undo = make();
      // Mounted in this task (no authenticator: none is needed), so the observer below sees the first render.
      const m = mountAppend(projectId, { provider: async () => (tokenCalls.push(1), 'token') });
      // The shadow root exists from connect on; the flow starts a microtask later, renders later still.
      const root = m.el.shadowRoot!;
      const rendered: string[] = [];
      const seen = new MutationObserver(() => {
        for (const p of root.querySelectorAll('[part]')) rendered.push(p.getAttribute('part')!);
      });
      seen.observe(root, { childList: true, subtree: true, attributes: true });
      const skip = await m.event('corbado-append-skip');
      expect(skip).to.deep.equal({ status: 'skip-implicit', reason: 'unsupported' });
      await pause(SETTLE_MS);
      await m.el.updateComplete;
      // Undo the stubs before asking the emulator (its helper uses fetch, not WebAuthn).
      for (const u of undo.reverse()) u();
      expect(m.el.state).to.equal('skipped');
      expect(m.states(), 'never loading').to.deep.equal(['skipped']);
      expect(m.of('corbado-append-error')).to.have.length(0);
      expect(m.of('corbado-append-ready')).to.have.length(0);
      expect(
        net.calls.map((c) => c.path),
        'no request',
      ).to.deep.equal([]);
      expect(await getRequests(projectId), 'nothing reached the API').to.deep.equal([]);
      expect(tokenCalls, 'token provider not called').to.have.length(0);
      expect(m.el.shadowRoot!.querySelectorAll('[part]'), 'nothing rendered').to.have.length(0);
      expect(m.el.getBoundingClientRect().height).to.equal(0);
      expect(create.calls).to.have.length(0);
      seen.disconnect();
      expect(rendered, 'no part (spinner, card, button) was ever rendered').to.deep.equal([]);
    });
  }
});

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
