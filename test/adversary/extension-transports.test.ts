/**
 * FINDING: a password-manager extension's credential whose `response.getTransports()` throws
 * ("Illegal invocation") loses the passkey it has just saved.
 *
 * Promises broken: 6 — "every passkey the device made ends on the server or signalled away" —
 * and 2 — "what the page and the user hear is true": the page hears `options-invalid` (final:
 * "No passkey this time"), while the extension holds a new passkey that the element never sends
 * to `finish` and never signals away. The next visit offers again and the user makes a second one.
 *
 * The environment: extensions (1Password, Bitwarden, Enpass, Dashlane…) replace
 * `navigator.credentials.create` and answer with objects of their own; several shipped ones whose
 * methods throw `TypeError: Illegal invocation` (a native method borrowed onto a plain object):
 * MasterKale/SimpleWebAuthn#438 (1Password), aws-samples/amazon-cognito-passwordless-auth#94
 * (1Password, `response.getTransports?.()` among the calls), passwordless-id/webauthn#73 (Enpass,
 * getPublicKey). SimpleWebAuthn 14 wraps getPublicKey(), getPublicKeyAlgorithm() and
 * getAuthenticatorData() in try/catch but calls `response.getTransports()` bare; ceremony.ts
 * `hardened()` makes `getClientExtensionResults()` safe but hands `credential.response` through.
 *
 * Sequence: the offer is shown → click → the extension's create() resolves (it has stored the
 * passkey in its vault) → startRegistration throws the TypeError of getTransports() →
 * classifyCeremonyError: TypeError → `options-invalid`, final → no finish, no
 * signalUnknownCredential, not remembered for reconciliation. The next sign-in settles nothing.
 *
 * Likelihood: medium on desktop (Chrome/Edge/Firefox with a passkey-capable password manager);
 * none on phones. The element's real ceremony (ceremony.ts → SimpleWebAuthn) runs here, only
 * `navigator.credentials.create` is the extension's.
 */
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { runCeremony } from '../../src/webauthn/ceremony.js';
import { ORIGIN, PROJECT, World, type Element } from '../model/world.js';
import { MINUTE, SECOND, check, defaults } from './world-plus.js';

const g = globalThis as Record<string, unknown>;
const b64url = (b: ArrayBuffer | Uint8Array | string) =>
  Buffer.from(typeof b === 'string' ? Buffer.from(b, 'utf8') : new Uint8Array(b as ArrayBuffer)).toString('base64url');
const buffer = (s: string) => new Uint8Array(Buffer.from(s, 'utf8')).buffer;

/** The device with a password manager extension that answers create() itself. */
class ExtensionWorld extends World {
  private n = 0;
  override ceremony(el: Element, options: PublicKeyCredentialCreationOptionsJSON, conditional: boolean) {
    Object.defineProperty(globalThis, 'navigator', {
      configurable: true,
      value: {
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
        credentials: {
          create: async (init: CredentialCreationOptions) => {
            const pk = init.publicKey!;
            const challenge = b64url(pk.challenge as ArrayBuffer);
            const id = b64url(`ext-passkey-${++this.n}`);
            // Saved in the extension's vault: a passkey on this device.
            const credential = { id, rpId: pk.rp.id!, userId: b64url(pk.user.id as ArrayBuffer), challenge, at: this.trueNow, element: el.n };
            this.authenticator.set(id, credential);
            this.made.push(credential);
            return {
              id,
              rawId: buffer(`ext-passkey-${this.n}`),
              type: 'public-key',
              authenticatorAttachment: 'cross-platform',
              response: {
                clientDataJSON: buffer(JSON.stringify({ type: 'webauthn.create', challenge, origin: ORIGIN })),
                attestationObject: buffer('o2Nm'),
                getTransports() {
                  throw new TypeError('Illegal invocation'); // AuthenticatorAttestationResponse.prototype.getTransports on a plain object
                },
              },
              getClientExtensionResults: () => ({}),
            };
          },
        },
      },
    });
    return runCeremony(options, conditional); // the element's own ceremony
  }
}

afterEach(() => {
  delete g.navigator;
});

describe('a password manager extension answers create()', () => {
  it('the passkey it saved reaches the server or is signalled away; the page is not told "no passkey"', async () => {
    const w = new ExtensionWorld(defaults());
    const checker = check(w);
    g.PublicKeyCredential = { signalUnknownCredential: () => Promise.resolve() }; // re-set below by the world; keep a function for SimpleWebAuthn
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    assert.equal(el.controller.state.name, 'ready');
    // SimpleWebAuthn checks `typeof PublicKeyCredential === 'function'`; the world installs an object.
    const pkc = g.PublicKeyCredential as Record<string, unknown>;
    g.PublicKeyCredential = Object.assign(function PublicKeyCredential() {}, pkc);
    w.click(el);
    await w.advance(5 * SECOND);

    const passkey = w.made[0]!;
    assert.ok(passkey, 'the extension made and saved a passkey');
    const heard = el.fired.filter((e) => e.type === 'corbado-append-error').map((e) => JSON.stringify(e.detail));
    const story = `state ${el.controller.state.name}; the page heard ${heard.join(', ')}; finish requests: ${
      w.log.filter((l) => l.includes('→ finish')).length
    }`;

    // The next sign-in, on a quiet network: whatever was undecided is settled now.
    for (const e of w.elements) w.removeElement(e);
    await w.advance(10 * MINUTE);
    w.quiet = true;
    w.addElement(w.openTab(w.users[0]!));
    await w.advance(30 * SECOND);
    checker.end();

    assert.ok(
      w.server.hasCredential(PROJECT, passkey.id) || w.signalled.has(passkey.id),
      `the extension's passkey is neither on the server nor signalled away (${story})`,
    );
    assert.deepEqual(w.violations, []);
  });
});
