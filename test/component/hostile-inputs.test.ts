/**
 * What real servers, proxies, password-manager extensions and browsers throw at the element, in
 * real Chromium against the emulator: each must end cleanly — no passkey lost or minted twice, no
 * futile "try again", no stuck spinner. Where a behaviour cannot be produced here, a stub stands
 * in and says so (an extension's broken getter). (A `create()` that ignores its abort signal is
 * left behind by the watchdog all the same: test/flow/controller.test.ts "the watchdog", whose
 * stand-in `create()` never settles by itself.)
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/strings.js';
import { getCredentials, getRequests } from '../helpers/emulator.js';
import { appendFixture, type FixtureOptions } from '../helpers/fixture.js';
import { pause, skewClock, spyCreate, spyFetch, type CreateSpyOptions, type FetchSpyOptions } from '../helpers/spies.js';

const START = '/v2/connect/append/start';
const FINISH = '/v2/connect/append/finish';
/** Room for a second create() or an early failure to show itself. */
const WINDOW_MS = 500;

/** Options of a start answer, changed by `edit` on its way to the element. */
type Json = Record<string, unknown>;
const editOptions =
  (edit: (publicKey: Json) => Json): FetchSpyOptions['rewrite'] =>
  (path, json) => {
    if (path !== START) return json;
    const publicKey = edit((JSON.parse(json.attestationOptions) as { publicKey: Json }).publicKey);
    return { ...json, attestationOptions: JSON.stringify({ publicKey }) };
  };

async function ready(opts: FixtureOptions = {}, net: FetchSpyOptions = {}, create: CreateSpyOptions = {}) {
  const spy = spyCreate(create);
  const fetchSpy = spyFetch(net);
  const m = await appendFixture(opts);
  await m.state('ready');
  return { m, create: spy, net: fetchSpy };
}

/** The credential as the browser made it, but with `getClientExtensionResults` replaced (as an extension wrapping create() does). */
const withExtensionResults =
  (get: () => unknown): CreateSpyOptions['answer'] =>
  async (_o, real) => {
    const credential = await real();
    return new Proxy(credential!, {
      get: (target, key) => {
        if (key === 'getClientExtensionResults') return get;
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };

describe('hostile inputs', () => {
  it("an extension's getClientExtensionResults() throws (STUB: an extension wrapping create()) → the passkey is still finished, once", async () => {
    const { m, create } = await ready(
      {},
      {},
      {
        answer: withExtensionResults(() => {
          throw new TypeError('extension broke');
        }),
      },
    );
    m.click('primary-button');
    expect((await m.event('corbado-append-complete')).status).to.equal('complete');
    expect(create.modal(), 'no second passkey').to.have.length(1);
    expect(await getCredentials(m.projectId)).to.have.length(1);
  });

  it('binary extension outputs (prf.results.first, an ArrayBuffer) are sent as base64url (STUB: the outputs)', async () => {
    const first = new Uint8Array([0xfb, 0xff, 0x00, 0x3e]).buffer;
    const { m } = await ready(
      {},
      {},
      { answer: withExtensionResults(() => ({ prf: { enabled: true, results: { first } }, credProps: { rk: true } })) },
    );
    m.click('primary-button');
    await m.event('corbado-append-complete');
    const finish = (await getRequests(m.projectId)).find((r) => r.path === FINISH)!.body as { attestationResponse: string };
    expect(JSON.parse(finish.attestationResponse).clientExtensionResults).to.deep.equal({
      prf: { enabled: true, results: { first: '-_8APg' } },
      credProps: { rk: true },
    });
  });

  it('create() rejecting with undefined → a recoverable ceremony-failed, and the retry works', async () => {
    let broken = true;
    const { m, create } = await ready({}, {}, { answer: (_o, real) => (broken ? Promise.reject(undefined) : real()) });
    m.click('primary-button');
    const err = await m.event('corbado-append-error');
    expect([err.code, err.recoverable]).to.deep.equal(['ceremony-failed', true]);
    await m.state('ready');
    broken = false;
    m.click('primary-button');
    expect((await m.event('corbado-append-complete')).completionType).to.equal('manual-retry');
    expect(create.modal()).to.have.length(2);
  });

  it('a focus-loss NotAllowedError is no user cancel: ceremony-failed, named focus-loss in telemetry', async () => {
    const { m, net } = await ready(
      {},
      {},
      { answer: () => Promise.reject(new DOMException('The document is not focused.', 'NotAllowedError')) },
    );
    m.click('primary-button');
    const err = await m.event('corbado-append-error');
    expect([err.code, err.recoverable]).to.deep.equal(['ceremony-failed', true]);
    await net.reached('/v2/connect/events', 1);
    expect(net.api('/v2/connect/events')[0]!.body).to.deep.equal({ eventType: 'append-error', message: 'focus-loss' });
  });

  it('a RangeError from create() would repeat: options-invalid, final, no "try again"', async () => {
    const { m, create } = await ready({}, {}, { answer: () => Promise.reject(new RangeError('excludeCredentials too long')) });
    m.click('primary-button');
    const err = await m.event('corbado-append-error');
    expect([err.code, err.recoverable]).to.deep.equal(['options-invalid', false]);
    await m.state('error');
    expect(m.part('primary-button')).to.equal(null);
    await pause(WINDOW_MS);
    expect(create.modal()).to.have.length(1);
  });

  it('attestationOptions encoded twice and alg as an integer string ("-7") → offered, and the passkey is made', async () => {
    const rewrite: FetchSpyOptions['rewrite'] = (path, json) => {
      if (path !== START) return json;
      const options = JSON.parse(json.attestationOptions);
      options.publicKey.pubKeyCredParams = options.publicKey.pubKeyCredParams.map((p: { alg: number }) => ({ ...p, alg: String(p.alg) }));
      return { ...json, attestationOptions: JSON.stringify(JSON.stringify(options)) };
    };
    const { m, create } = await ready({}, { rewrite });
    m.click('primary-button');
    expect((await m.event('corbado-append-complete')).status).to.equal('complete');
    const params = (create.modal()[0]!.options.publicKey as PublicKeyCredentialCreationOptions).pubKeyCredParams;
    expect(params.map((p) => p.alg)).to.include(-7);
  });

  it('3000 excludeCredentials → either a passkey or one final error; never a futile "try again"', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => ({ type: 'public-key', id: btoa(`credential-${i}`).replace(/=+$/, '') }));
    const { m, create } = await ready({}, { rewrite: editOptions((o) => ({ ...o, excludeCredentials: ids })) });
    m.click('primary-button');
    await Promise.race([m.state('success', 10_000), m.state('error', 10_000)]);
    await pause(WINDOW_MS);
    expect(create.modal()).to.have.length(1);
    expect(
      m.of('corbado-append-error').filter((e) => e.recoverable),
      'no recoverable error for it',
    ).to.deep.equal([]);
  });

  it("aaguidDetails.name with replacement patterns ($& $') and a bidi override → shown as text, its direction isolated", async () => {
    const name = "Vault $& $' \u202Eevil";
    const { m } = await ready({ scenario: { aaguidName: name } });
    m.click('primary-button');
    await m.state('success');
    expect(m.text('description')).to.equal(en.successStoredIn.replace('{name}', () => name));
    const bdi = m.part('description')!.querySelector('bdi');
    expect(bdi?.textContent).to.equal(name);
  });
});

describe('hostile clocks and timers', () => {
  it('an options timeout of 1e12 ms (beyond setTimeout) does not end the ceremony at once', async () => {
    const { m } = await ready(
      { authenticator: { automaticPresenceSimulation: false } },
      { rewrite: editOptions((o) => ({ ...o, timeout: 1e12 })) },
    );
    m.click('primary-button');
    await m.state('creating');
    await pause(WINDOW_MS);
    expect(m.el.state).to.equal('creating');
    expect(m.of('corbado-append-error')).to.deep.equal([]);
  });

  it('no readable Date header and a client clock 10 min ahead → options already past by the local clock are dead: no offer, expired, skipped (error)', async () => {
    // Without the server's time the local clock is believed when it says "past" (dead options never get a life).
    skewClock(10 * 60_000);
    const create = spyCreate();
    const net = spyFetch();
    const m = await appendFixture({ scenario: { dateHeader: false } });
    const skip = await m.event('corbado-append-skip');
    expect(skip).to.deep.equal({ status: 'skip-implicit', reason: 'error' });
    expect(m.of('corbado-append-error').map((e) => [e.code, e.recoverable])).to.deep.equal([['expired', false]]);
    expect(
      net.api(START).map((c) => c.status),
      'options were answered, and judged dead on arrival',
    ).to.deep.equal([200]);
    await m.state('skipped');
    expect(m.states(), 'the offer never shown').to.not.include('ready');
    expect(m.part('primary-button')).to.equal(null);
    expect(create.calls).to.have.length(0);
  });

  it('expiresMs as a relative duration (300000) → the offer is shown and works', async () => {
    const rewrite: FetchSpyOptions['rewrite'] = (path, json) => (path === START ? { ...json, expiresMs: 300_000 } : json);
    const { m } = await ready({}, { rewrite });
    expect(m.of('corbado-append-error')).to.deep.equal([]);
    m.click('primary-button');
    expect((await m.event('corbado-append-complete')).status).to.equal('complete');
    expect(await getCredentials(m.projectId)).to.have.length(1);
  });
});
