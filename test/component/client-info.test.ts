/**
 * `gatherClientInformation` in the real browser: every probe for init; with `forInit` false (a kept
 * process, no init) only the two the offer reads. The probes are wrapped (their real answers go
 * through) only to see which ones were asked.
 */
import { expect } from '@open-wc/testing';
import { gatherClientInformation } from '../../src/webauthn/client-info.js';
import { stubProperty } from '../helpers/spies.js';

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
