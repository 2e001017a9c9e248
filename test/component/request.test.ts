/**
 * What the element sends (docs/design.md, "Request fields", "clientInformation"): `situation` and
 * `forcePasskeyAppend` forwarded, `clientInformation` probed in parallel and bounded, and the
 * `newClientEnvHandle` of init kept per project and sent back on the next init of that project.
 * Real Chromium and the same-origin emulator (its request log is what is checked).
 */
import { expect } from '@open-wc/testing';
import { getRequests, setScenario, uniqueProjectId } from '../helpers/emulator.js';
import { appendFixture, mountAppend, testAuthenticator, type FixtureOptions } from '../helpers/fixture.js';
import { gatherClientInformation } from '../../src/webauthn/client-info.js';
import { spyFetch, stubProperty } from '../helpers/spies.js';

const INIT = '/v2/connect/append/init';
const START = '/v2/connect/append/start';

type PKCStatics = {
  isUserVerifyingPlatformAuthenticatorAvailable(): Promise<boolean>;
  isConditionalMediationAvailable(): Promise<boolean>;
  getClientCapabilities(): Promise<Record<string, boolean>>;
};
const pkc = PublicKeyCredential as unknown as PKCStatics;

/** Mounts, waits for ready; `body(path)` is the first request body the emulator received for `path`. */
async function ready(opts: FixtureOptions = {}) {
  const m = await appendFixture(opts);
  await m.state('ready');
  const body = async (path: string) => (await getRequests(m.projectId)).find((r) => r.path === path)?.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  return { m, body };
}

describe('request side', () => {
  it('situation and force-passkey-append are forwarded to init and start', async () => {
    const { body } = await ready({ attrs: { situation: 'post-login-password', 'force-passkey-append': '' } });
    const init = await body(INIT);
    const start = await body(START);
    expect(init.situation).to.equal('post-login-password');
    expect(start.situation).to.equal('post-login-password');
    expect(start.forcePasskeyAppend).to.equal(true);
  });

  it('without them nothing is sent for them', async () => {
    const { body } = await ready();
    const init = await body(INIT);
    const start = await body(START);
    expect(init).not.to.have.property('situation');
    expect(start).not.to.have.property('situation');
    expect(start.forcePasskeyAppend ?? false).to.equal(false);
  });

  it('properties work like attributes', async () => {
    const { body } = await ready({ props: { situation: 'checkout', forcePasskeyAppend: true } });
    expect((await body(INIT)).situation).to.equal('checkout');
    expect(await body(START)).to.include({ situation: 'checkout', forcePasskeyAppend: true });
  });

  it("init's clientInformation carries what this browser reports", async () => {
    const { body } = await ready();
    const ci = (await body(INIT)).clientInformation;
    expect(ci.isUserVerifyingPlatformAuthenticatorAvailable).to.equal(await pkc.isUserVerifyingPlatformAuthenticatorAvailable());
    expect(ci.isConditionalMediationAvailable).to.equal(await pkc.isConditionalMediationAvailable());
    const caps = await pkc.getClientCapabilities();
    expect(ci.clientCapabilities).to.be.an('object');
    for (const k of [
      'conditionalCreate',
      'conditionalMediation',
      'hybridTransport',
      'passkeyPlatformAuthenticator',
      'userVerifyingPlatformAuthenticator',
    ]) {
      if (typeof caps[k] === 'boolean') expect(ci.clientCapabilities[k], `clientCapabilities.${k}`).to.equal(caps[k]);
    }
    expect(ci.webdriver).to.equal(navigator.webdriver === true);
    const uaData = (navigator as Navigator & { userAgentData?: { getHighEntropyValues(h: string[]): Promise<Record<string, unknown>> } })
      .userAgentData;
    if (uaData) {
      const he = await uaData.getHighEntropyValues(['platform', 'platformVersion']);
      expect(ci.javaScriptHighEntropy).to.deep.equal({
        platform: he.platform,
        platformVersion: he.platformVersion,
        mobile: he.mobile === true,
      });
    }
    if ('bluetoothAvailable' in ci) expect(ci.bluetoothAvailable).to.be.a('boolean');
    expect(ci, 'no handle on a first visit').not.to.have.property('clientEnvHandle');
  });

  it('probes are bounded: a probe that never answers does not hold init back (≈1 s)', async () => {
    const never = () => new Promise<never>(() => undefined);
    stubProperty(PublicKeyCredential, 'isUserVerifyingPlatformAuthenticatorAvailable', never);
    stubProperty(PublicKeyCredential, 'getClientCapabilities', never);
    const net = spyFetch();
    const projectId = uniqueProjectId();
    await testAuthenticator();
    const t0 = performance.now();
    const m = mountAppend(projectId);
    await m.state('ready', 6000);
    const init = net.api(INIT)[0]!;
    const waited = init.at - t0;
    expect(waited, 'init within ~1.5 s').to.be.below(1500);
    const ci = init.body.clientInformation;
    expect(ci, 'the hung probe is left out').not.to.have.property('isUserVerifyingPlatformAuthenticatorAvailable');
    expect(ci).not.to.have.property('clientCapabilities');
    expect(ci.isConditionalMediationAvailable, 'the other probes still count').to.equal(await pkc.isConditionalMediationAvailable());
  });

  it('newClientEnvHandle is kept per project and sent back on the next init of that project only', async () => {
    const net = spyFetch();
    const a = uniqueProjectId();
    const b = uniqueProjectId();
    // appendAllowed false: init only, quick.
    await setScenario(a, { appendAllowed: false });
    await setScenario(b, { appendAllowed: false });
    /** Mounts on `project` until its quick skip; the init request it sent. */
    const initOf = async (project: string) => {
      const m = await appendFixture({ projectId: project, authenticator: false });
      await m.event('corbado-append-skip');
      m.remove();
      return net.api(INIT).at(-1)!;
    };

    const firstA = await initOf(a);
    expect(firstA.body.clientInformation).not.to.have.property('clientEnvHandle');
    const handle = firstA.response.newClientEnvHandle as string;
    expect(handle).to.be.a('string').and.not.equal('');
    const stored = Object.keys(localStorage).filter((k) => localStorage.getItem(k)!.includes(handle));
    expect(stored, 'kept in localStorage').to.have.length(1);
    expect(stored[0]).to.contain(a);

    const firstB = await initOf(b);
    expect(firstB.body.clientInformation, 'not sent to another project').not.to.have.property('clientEnvHandle');

    // A later visit, once the kept process is gone (it expired): init again, with the handle.
    localStorage.removeItem(`cbo_connect_process-${a}`);
    const secondA = await initOf(a);
    expect(net.api(INIT), 'one init per mount').to.have.length(3);
    expect(secondA.body.clientInformation.clientEnvHandle).to.equal(handle);
    expect(secondA.body.clientInformation.clientEnvHandleMeta).to.include({ source: 'ls' });
    expect(secondA.body.clientInformation.clientEnvHandleMeta.ts)
      .to.be.a('number')
      .within(Date.now() - 60_000, Date.now());
    expect(
      (await getRequests(a)).map((r) => (r.body as { clientInformation: { clientEnvHandle?: string } }).clientInformation.clientEnvHandle),
    ).to.deep.equal([undefined, handle]);
  });
});

// ── gatherClientInformation itself: every probe for init; with `forInit` false (a kept process,
// no init) only the two the offer reads. The probes are wrapped (their real answers go through)
// only to see which ones were asked. ──

/** Wrap `obj[name]` (a real method) so calls are counted; the real method still answers. */
function count(obj: object, name: string, calls: string[]) {
  const real = (obj as Record<string, (...a: unknown[]) => unknown>)[name]!;
  stubProperty(obj, name, function (this: unknown, ...a: unknown[]) {
    calls.push(name);
    return real.apply(this, a);
  });
}

function probed() {
  const calls: string[] = [];
  for (const name of ['isUserVerifyingPlatformAuthenticatorAvailable', 'isConditionalMediationAvailable', 'getClientCapabilities']) {
    count(PublicKeyCredential, name, calls);
  }
  const g = globalThis as unknown as { Bluetooth?: { prototype: object }; NavigatorUAData?: { prototype: object } };
  if (g.Bluetooth) count(g.Bluetooth.prototype, 'getAvailability', calls);
  if (g.NavigatorUAData) count(g.NavigatorUAData.prototype, 'getHighEntropyValues', calls);
  return calls;
}

describe('gatherClientInformation', () => {
  it('for init: every probe, and the answers in clientInformation', async () => {
    const calls = probed();
    const info = await gatherClientInformation(undefined, 1000, true);
    // UA-CH (`navigator.userAgentData`) is asked wherever the browser has it (Chromium; not Firefox).
    const uaCh = 'NavigatorUAData' in globalThis;
    expect(calls).to.include.members([
      'isUserVerifyingPlatformAuthenticatorAvailable',
      'isConditionalMediationAvailable',
      'getClientCapabilities',
      ...(uaCh ? ['getHighEntropyValues'] : []),
    ]);
    expect(info.isConditionalMediationAvailable).to.be.a('boolean');
    if (uaCh) expect(info.javaScriptHighEntropy?.platform).to.be.a('string');
    else expect(info).not.to.have.property('javaScriptHighEntropy');
  });

  it('without init (a kept process): only what the offer reads — UVPAA and clientCapabilities', async () => {
    const calls = probed();
    const info = await gatherClientInformation(undefined, 1000, false);
    expect([...calls].sort()).to.deep.equal(['getClientCapabilities', 'isUserVerifyingPlatformAuthenticatorAvailable']);
    expect(info.isUserVerifyingPlatformAuthenticatorAvailable).to.be.a('boolean');
    expect(info.clientCapabilities).to.be.an('object');
  });
});
