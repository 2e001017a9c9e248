/**
 * What the element sends (DESIGN.md, "Request fields", "clientInformation"): `situation` and
 * `forcePasskeyAppend` forwarded, `clientInformation` probed in parallel and bounded, and the
 * `newClientEnvHandle` of init kept per project and sent back on the next init of that project.
 * Real Chromium and the same-origin emulator (its request log is what is checked).
 */
import { expect } from '@open-wc/testing';
import { getRequests, setScenario, uniqueProjectId } from '../helpers/emulator.js';
import { mountAppend, type Mounted } from '../helpers/element.js';
import { spyFetch, stubPublicKeyCredential, type FetchSpy } from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';

const INIT = '/v2/connect/append/init';
const START = '/v2/connect/append/start';

type PKCStatics = {
  isUserVerifyingPlatformAuthenticatorAvailable(): Promise<boolean>;
  isConditionalMediationAvailable(): Promise<boolean>;
  getClientCapabilities(): Promise<Record<string, boolean>>;
};
const pkc = PublicKeyCredential as unknown as PKCStatics;

describe('request side', () => {
  let m: Mounted | undefined;
  let fetchSpy: FetchSpy | undefined;
  const stubs: { restore(): void }[] = [];

  beforeEach(async () => {
    await authn.addAuthenticator();
  });
  afterEach(async () => {
    m?.remove();
    fetchSpy?.restore();
    for (const s of stubs.splice(0)) s.restore();
    m = fetchSpy = undefined;
    await authn.clearAuthenticators();
  });

  const bodyOf = async (projectId: string, path: string, index = 0) =>
    (await getRequests(projectId)).filter(r => r.path === path)[index]?.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('situation and force-passkey-append are forwarded to init and start', async () => {
    const projectId = uniqueProjectId();
    m = mountAppend(projectId, { attrs: { situation: 'post-login-password', 'force-passkey-append': '' } });
    await m.state('ready');
    const init = await bodyOf(projectId, INIT);
    const start = await bodyOf(projectId, START);
    expect(init.situation).to.equal('post-login-password');
    expect(start.situation).to.equal('post-login-password');
    expect(start.forcePasskeyAppend).to.equal(true);
  });

  it('without them nothing is sent for them', async () => {
    const projectId = uniqueProjectId();
    m = mountAppend(projectId);
    await m.state('ready');
    const init = await bodyOf(projectId, INIT);
    const start = await bodyOf(projectId, START);
    expect(init).not.to.have.property('situation');
    expect(start).not.to.have.property('situation');
    expect(start.forcePasskeyAppend ?? false).to.equal(false);
  });

  it('properties work like attributes', async () => {
    const projectId = uniqueProjectId();
    m = mountAppend(projectId, { props: { situation: 'checkout', forcePasskeyAppend: true } });
    await m.state('ready');
    expect((await bodyOf(projectId, INIT)).situation).to.equal('checkout');
    expect(await bodyOf(projectId, START)).to.include({ situation: 'checkout', forcePasskeyAppend: true });
  });

  it("init's clientInformation carries what this browser reports", async () => {
    const projectId = uniqueProjectId();
    m = mountAppend(projectId);
    await m.state('ready');
    const ci = (await bodyOf(projectId, INIT)).clientInformation;
    expect(ci.isUserVerifyingPlatformAuthenticatorAvailable).to.equal(await pkc.isUserVerifyingPlatformAuthenticatorAvailable());
    expect(ci.isConditionalMediationAvailable).to.equal(await pkc.isConditionalMediationAvailable());
    const caps = await pkc.getClientCapabilities();
    expect(ci.clientCapabilities).to.be.an('object');
    for (const k of ['conditionalCreate', 'conditionalMediation', 'hybridTransport', 'passkeyPlatformAuthenticator', 'userVerifyingPlatformAuthenticator']) {
      if (typeof caps[k] === 'boolean') expect(ci.clientCapabilities[k], `clientCapabilities.${k}`).to.equal(caps[k]);
    }
    expect(ci.webdriver).to.equal(navigator.webdriver === true);
    const uaData = (navigator as Navigator & { userAgentData?: { getHighEntropyValues(h: string[]): Promise<Record<string, unknown>> } }).userAgentData;
    if (uaData) {
      const he = await uaData.getHighEntropyValues(['platform', 'platformVersion']);
      expect(ci.javaScriptHighEntropy).to.deep.equal({ platform: he.platform, platformVersion: he.platformVersion, mobile: he.mobile === true });
    }
    if ('bluetoothAvailable' in ci) expect(ci.bluetoothAvailable).to.be.a('boolean');
    expect(ci, 'no handle on a first visit').not.to.have.property('clientEnvHandle');
  });

  it('probes are bounded: a probe that never answers does not hold init back (≈1 s)', async () => {
    const never = () => new Promise<never>(() => undefined);
    stubs.push(stubPublicKeyCredential('isUserVerifyingPlatformAuthenticatorAvailable', never));
    stubs.push(stubPublicKeyCredential('getClientCapabilities', never));
    fetchSpy = spyFetch();
    const projectId = uniqueProjectId();
    const t0 = performance.now();
    m = mountAppend(projectId);
    await m.state('ready', 6000);
    const init = fetchSpy.of(INIT)[0]!;
    const waited = init.at - t0;
    expect(waited, 'init within ~1.5 s').to.be.below(1500);
    const ci = init.body.clientInformation;
    expect(ci, 'the hung probe is left out').not.to.have.property('isUserVerifyingPlatformAuthenticatorAvailable');
    expect(ci).not.to.have.property('clientCapabilities');
    expect(ci.isConditionalMediationAvailable, 'the other probes still count').to.equal(await pkc.isConditionalMediationAvailable());
  });

  it('newClientEnvHandle is kept per project and sent back on the next init of that project only', async () => {
    fetchSpy = spyFetch();
    const a = uniqueProjectId();
    const b = uniqueProjectId();
    // appendAllowed false: init only, quick.
    await setScenario(a, { appendAllowed: false });
    await setScenario(b, { appendAllowed: false });

    m = mountAppend(a);
    await m.next('corbado-append-skip');
    const firstA = fetchSpy.of(INIT)[0]!;
    expect(firstA.body.clientInformation).not.to.have.property('clientEnvHandle');
    const handle = firstA.response.newClientEnvHandle as string;
    expect(handle).to.be.a('string').and.not.equal('');
    const stored = Object.keys(localStorage).filter(k => localStorage.getItem(k)!.includes(handle));
    expect(stored, 'kept in localStorage').to.have.length(1);
    expect(stored[0]).to.contain(a);
    m.remove();

    m = mountAppend(b);
    await m.next('corbado-append-skip');
    const firstB = fetchSpy.of(INIT)[1]!;
    expect(firstB.body.clientInformation, 'not sent to another project').not.to.have.property('clientEnvHandle');
    m.remove();

    m = mountAppend(a);
    await m.next('corbado-append-skip');
    const secondA = fetchSpy.of(INIT)[2]!;
    expect(secondA.body.clientInformation.clientEnvHandle).to.equal(handle);
    expect(secondA.body.clientInformation.clientEnvHandleMeta).to.include({ source: 'ls' });
    expect(secondA.body.clientInformation.clientEnvHandleMeta.ts).to.be.a('number').within(Date.now() - 60_000, Date.now());
    expect((await getRequests(a)).map(r => (r.body as { clientInformation: { clientEnvHandle?: string } }).clientInformation.clientEnvHandle))
      .to.deep.equal([undefined, handle]);
  });
});
