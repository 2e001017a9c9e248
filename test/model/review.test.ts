/**
 * The seventh way and after: what an outside review of issue 19's fixes found (a passkey lost or a
 * promise of README "Guarantees" broken), each as a story on the model's world, fixed. The
 * property (property.ts) now produces each of these situations at random as well.
 */
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { loadUndecided } from '../../src/flow/reconcile.js';
import { runCeremony } from '../../src/webauthn/ceremony.js';
import { Checker } from './property.js';
import { ORIGIN, PROJECT, World, plainDevice, type Element, type Fault } from './world.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const defaults = plainDevice;

/** The user signs in again later, on a quiet network: what stayed undecided is settled. */
async function nextSignIn(w: World) {
  for (const e of w.elements) if (e.isConnected) w.removeElement(e);
  await w.advance(10 * MINUTE);
  w.quiet = true;
  w.addElement(w.openTab(w.users[0]!));
  await w.advance(30 * SECOND);
}

describe('a phone that sleeps: performance.now() may stand still (HR Time)', () => {
  it('a tap after the sleep never runs create() on options that died meanwhile: the wall clock says so', async () => {
    const w = new World(defaults());
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    await w.sleep(10 * MINUTE, true); // locked for 10 minutes; the monotonic clock did not count them
    await w.advance(SECOND);
    w.click(el);
    assert.equal(w.sheets.length, 0, 'no create() on the dead options: renewed instead');
    await w.advance(2 * SECOND);
    const sheet = w.openSheet(el)!;
    assert.equal(w.server.challengeStatus(PROJECT, sheet.options.challenge), 'live');
    w.answer(sheet, 'complete');
    await w.advance(5 * SECOND);
    assert.ok(w.server.hasCredential(PROJECT, w.made[0]!.id));
  });
});

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
            const credential = {
              id,
              rpId: pk.rp.id!,
              userId: b64url(pk.user.id as ArrayBuffer),
              challenge,
              at: this.trueNow,
              element: el.n,
            };
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
    const ceremony = runCeremony(options, conditional); // the element's own ceremony
    return { ...ceremony, facts: () => ({ ...ceremony.facts(), excludedAsNotAllowed: ceremony.facts().excludedAsNotAllowed === true }) };
  }
}

afterEach(() => {
  delete g.navigator;
  delete g.PublicKeyCredential;
});

describe('a password manager extension whose response.getTransports() throws (SimpleWebAuthn#438)', () => {
  it('the passkey it saved still reaches the server: the response is read safely', async () => {
    const w = new ExtensionWorld(defaults());
    g.PublicKeyCredential = Object.assign(function PublicKeyCredential() {}, g.PublicKeyCredential);
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    w.click(el);
    await w.advance(5 * SECOND);
    assert.ok(w.server.hasCredential(PROJECT, w.made[0]!.id));
    assert.equal(el.controller.state.name, 'success');
  });
});

describe('a passkey that arrives after its ceremony was aborted', () => {
  it('while the modal sheet runs on the same options, it is the passkey: the sheet stops, no second credential on that challenge', async () => {
    const w = new World(defaults({ conditionalAppend: true, conditionalCreate: true }));
    const checker = new Checker(w);
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(500);
    const conditional = w.sheets.find((s) => s.conditional)!;
    w.commit(conditional, 300); // the password manager completes it…
    const modal = w.openSheet(el)!; // …as the user taps: the abort comes too late
    await w.advance(SECOND);
    assert.equal(modal.aborted, true, 'the sheet on the same challenge stops');
    await w.advance(5 * SECOND);
    assert.equal(w.made.length, 1);
    assert.ok(w.server.hasCredential(PROJECT, w.made[0]!.id));
    const done = el.fired
      .filter((e) => e.type === 'corbado-append-complete')
      .map((e) => e.detail as { completionType: string; unconfirmed?: true });
    assert.deepEqual(
      done.map((d) => [d.completionType, d.unconfirmed]),
      [['conditional', undefined]],
    );
    checker.step();
    assert.deepEqual(w.violations, []);
  });
});

describe('challenge_used says the challenge was spent, not by whom', () => {
  it('refused at verification, the answer lost, the retry refused as used: "unconfirmed" — remembered, and signalled away by the next offer', async () => {
    const w = new World(defaults({ foreignOrigin: true, faults: { init: [], start: [], finish: ['lost-answer'], events: [] } }));
    const checker = new Checker(w);
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    await w.clickAndComplete(el, 2 * SECOND);
    await w.advance(30 * SECOND);
    const x = w.made[0]!;
    assert.equal(w.server.hasCredential(PROJECT, x.id), false, 'the server refused it');
    assert.deepEqual(
      loadUndecided(w.tabs[0]!.storage, PROJECT).map((u) => u.id),
      [x.id],
      'remembered: the next offer settles it',
    );
    await nextSignIn(w);
    assert.equal(w.signalled.has(x.id), true);
    checker.end();
    assert.deepEqual(w.violations, []);
  });
});

describe('a start answer with excludeCredentials: null (shared case S10)', () => {
  it('settles nothing: a passkey the server holds is never signalled away for want of a list', async () => {
    const faults: Fault[] = ['lost-answer', ...Array<Fault>(20).fill('drop')];
    const w = new World(defaults({ nullExclude: true, ttlMs: 20 * SECOND, faults: { init: [], start: [], finish: faults, events: [] } }));
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    await w.clickAndComplete(el, 2 * SECOND);
    await w.advance(MINUTE);
    const x = w.made[0]!;
    assert.ok(w.server.hasCredential(PROJECT, x.id), 'stored with the first attempt, whose answer was lost');
    await nextSignIn(w);
    assert.equal(w.signalled.has(x.id), false);
    assert.deepEqual(
      loadUndecided(w.tabs[0]!.storage, PROJECT).map((u) => u.id),
      [x.id],
      'still remembered, for an answer that lists what the server holds',
    );
  });
});
