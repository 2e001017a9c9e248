/**
 * Issue 19, with Web Locks: tabs of one browser that share Corbado's kept process never void
 * each other's challenge. Tab 1 (the test page) shows the offer on the kept process; then a second
 * tab of the same browser (test/helpers/tabs.ts: same origin, same `localStorage`, same Web Locks)
 * mounts an element for the same project. It cannot claim the kept process — tab 1 holds its Web
 * Lock — so it opens a process of its own and starts there, and does not replace the kept one.
 * Tab 1's real click then makes a real passkey (the engine's virtual authenticator) that the
 * emulator verifies and stores: `complete`, never "not saved".
 *
 * Real: both engines' Web Locks and `localStorage`, two top-level browsing contexts, the click
 * (with user activation), the ceremony, and the emulator — whose default reading is that a start
 * replaces its process's challenge, so a start of tab 2 on tab 1's process would make tab 1's
 * finish fail. Stubbed: nothing. Without Web Locks: tabs-no-locks.test.ts.
 */
import { expect } from '@open-wc/testing';
import { getCredentials, getScenario } from '../helpers/emulator.js';
import { appendFixture } from '../helpers/fixture.js';
import { realClick } from '../helpers/safari-model.js';
import { spyCreate, spyFetch, type CreateSpy, type FetchCall } from '../helpers/spies.js';
import { keptProcessId, openTab, trafficByTab } from '../helpers/tabs.js';
import * as authn from '../helpers/webauthn.js';

const START = '/v2/connect/append/start';

/** The challenge (base64url) of a start response's attestationOptions. */
const challengeOf = (start: FetchCall): string => JSON.parse(start.response.attestationOptions).publicKey.challenge;
/** The challenge (base64url) the `i`-th create() was called with. */
const usedChallenge = (create: CreateSpy, i: number): string =>
  authn.toBase64url(create.calls[i]!.options.publicKey!.challenge as ArrayBuffer);

describe('<corbado-append> in two tabs of one browser, with Web Locks (issue 19)', () => {
  it("a second tab starts on a process of its own, not on tab 1's; tab 1's click makes the passkey (complete)", async () => {
    expect(navigator.locks, 'this engine has Web Locks').to.exist;
    const net = spyFetch();
    const create = spyCreate();
    const m = await appendFixture();
    expect((await getScenario(m.projectId)).readings.startChallenge, 'a start replaces its process challenge').to.equal('replace');
    await m.event('corbado-append-ready');
    await m.state('ready');
    const tab1Process = (await trafficByTab(m.projectId, net)).tab1Starts[0]!.processId;
    expect(tab1Process).to.be.a('string').and.not.equal('');
    expect(keptProcessId(m.projectId), 'the kept process').to.equal(tab1Process);

    const tab2 = await openTab(m.projectId);
    expect(tab2.webLocks, 'the second tab has Web Locks').to.equal(true);
    await tab2.event('corbado-append-ready'); // its start went out and was answered
    expect(tab2.states()).to.deep.equal(['loading', 'ready']);
    expect(keptProcessId(m.projectId), 'the kept process, after the second tab').to.equal(tab1Process);

    let t = await trafficByTab(m.projectId, net);
    expect(t.tab2Starts, `the second tab's starts (${t.summary})`).to.have.length(1);
    const tab2Start = t.tab2Starts[0]!;
    expect(tab2Start.processId, `the second tab's start: a process of its own (${t.summary})`).to.be.a('string').and.not.equal(tab1Process);
    expect(
      t.inits.map((r) => r.processId),
      `inits: neither resumed a process (${t.summary})`,
    ).to.deep.equal([null, null]);
    expect(m.el.state, 'tab 1 still on its offer').to.equal('ready');
    expect(m.part('primary-button')!.getAttribute('aria-disabled'), 'tab 1 not renewing').to.equal('false');

    await realClick(m.part('primary-button')!);
    const complete = await m.event('corbado-append-complete');
    expect(complete.status).to.equal('complete');
    expect(complete.completionType).to.equal('manual');
    await m.state('success');

    t = await trafficByTab(m.projectId, net);
    expect(
      t.tab1Starts.map((r) => r.processId),
      `tab 1's starts (${t.summary})`,
    ).to.deep.equal([tab1Process]);
    expect(
      t.finishes.map((r) => r.processId),
      `finish on tab 1's process (${t.summary})`,
    ).to.deep.equal([tab1Process]);
    // The second tab's start landed between tab 1's options and its finish.
    expect(tab2Start.at).to.be.within(t.tab1Starts[0]!.at, t.finishes[0]!.at);

    expect(create.calls, 'one ceremony').to.have.length(1);
    expect(usedChallenge(create, 0), "on tab 1's options").to.equal(challengeOf(net.api(START)[0]!));
    expect(m.of('corbado-append-error'), 'tab 1 errors').to.deep.equal([]);
    expect(m.states(), 'tab 1 never had to renew').to.deep.equal(['loading', 'ready', 'creating', 'finishing', 'success']);
    expect(tab2.of('corbado-append-error'), 'the second tab errors').to.deep.equal([]);
    const stored = await getCredentials(m.projectId);
    expect(stored).to.have.length(1);
    expect((await authn.getCredentials(m.authenticatorId!)).map((c) => c.credentialId)).to.deep.equal([stored[0]!.id]);
  });
});
