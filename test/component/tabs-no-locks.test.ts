/**
 * Issue 19, without Web Locks: tabs of one browser that share Corbado's kept process never void
 * each other's challenge, or the other flow renews before its next click. With no Web Locks a
 * flow's claim holds within its page only, so a second tab may start on the process tab 1's offer
 * came from — and that start replaces the process's challenge (the emulator's default reading).
 * Tab 1 learns of it from the second tab's start mark (`localStorage`, its `storage` event; or read
 * at the click) and moves to a process of its own before it uses its options: the user in tab 1
 * never gets "not saved".
 *
 * Real: two top-level browsing contexts of one browser (test/helpers/tabs.ts) sharing
 * `localStorage` and its `storage` events, the clicks (with user activation), the ceremonies on
 * the engine's virtual authenticator, the emulator verifying and storing the passkeys.
 * Stubbed:
 * - a browser without Web Locks (Safari < 15.4, Firefox < 96): `navigator.locks` is removed in
 *   both tabs before the element's module loads (test/helpers/no-web-locks.ts, tab.html
 *   `?webLocks=0`);
 * - in the click-race test only, a `storage` event still on its way: tab 1 holds back the event of
 *   the second tab's start mark until after the click (a browser delivers it as a task, so a
 *   click can come first), then lets it through.
 * With Web Locks: tabs.test.ts.
 */
import '../helpers/no-web-locks.js'; // first: before the element's module loads
import { expect } from '@open-wc/testing';
import { en } from '../../src/strings.js';
import { startsKey } from '../../src/flow/claims.js';
import { onCleanup } from '../helpers/cleanup.js';
import { getCredentials, getScenario } from '../helpers/emulator.js';
import { appendFixture, waitFor, type AppendFixture } from '../helpers/fixture.js';
import { realClick } from '../helpers/safari-model.js';
import { spyCreate, spyFetch, type CreateSpy, type FetchCall, type FetchSpy } from '../helpers/spies.js';
import { keptProcessId, openTab, trafficByTab } from '../helpers/tabs.js';
import * as authn from '../helpers/webauthn.js';

const START = '/v2/connect/append/start';
const INIT = '/v2/connect/append/init';

/** The challenge (base64url) of a start response's attestationOptions. */
const challengeOf = (start: FetchCall): string => JSON.parse(start.response.attestationOptions).publicKey.challenge;
/** The challenge (base64url) the `i`-th create() was called with. */
const usedChallenge = (create: CreateSpy, i: number): string =>
  authn.toBase64url(create.calls[i]!.options.publicKey!.challenge as ArrayBuffer);

/** `storage` events of the start marks of one project, held back from this page (see the module comment). */
let holding: { key: string; events: StorageEvent[] } | undefined;
// Registered before any element of this page listens (the element's page is made at its first mount), and
// capturing: it runs before the element's listener.
addEventListener(
  'storage',
  (e) => {
    if (!holding || e.key !== holding.key) return;
    e.stopImmediatePropagation();
    holding.events.push(e);
  },
  true,
);

/** STUB: holds back this page's `storage` events of `projectId`'s start marks until `release()`, which delivers them late. */
function holdStartMarkEvents(projectId: string) {
  const held = { key: startsKey(projectId), events: [] as StorageEvent[] };
  holding = held;
  const stop = () => void (holding === held && (holding = undefined));
  onCleanup(stop);
  return {
    events: held.events,
    release() {
      stop();
      for (const e of held.events) {
        const { key, oldValue, newValue, url, storageArea } = e;
        dispatchEvent(new StorageEvent('storage', { key, oldValue, newValue, url, storageArea }));
      }
    },
  };
}

/** Tab 1: the element on a fresh project, with spies on its own fetch and create(); resolves once its offer is shown. */
async function tab1() {
  const net = spyFetch();
  const create = spyCreate();
  const m = await appendFixture({ attrs: { lang: 'en' } });
  expect((await getScenario(m.projectId)).readings.startChallenge, 'a start replaces its process challenge').to.equal('replace');
  await m.event('corbado-append-ready');
  await m.state('ready');
  const process = (await trafficByTab(m.projectId, net)).tab1Starts[0]!.processId!;
  expect(process).to.be.a('string').and.not.equal('');
  expect(keptProcessId(m.projectId), 'the kept process').to.equal(process);
  return { m, net, create, process };
}

/** The process id a request of this page went to. */
const processOf = (call: FetchCall) => call.headers.get('X-Corbado-Process-ID');

/** The passkey is stored once, by the emulator and on the authenticator. */
async function expectOnePasskey(m: AppendFixture) {
  const stored = await getCredentials(m.projectId);
  expect(stored).to.have.length(1);
  expect((await authn.getCredentials(m.authenticatorId!)).map((c) => c.credentialId)).to.deep.equal([stored[0]!.id]);
}

/** Tab 1 holds fresh options (its second start answered, its button usable again). */
const renewed = (m: AppendFixture, net: FetchSpy) =>
  net.api(START).length === 2 &&
  net.api(START)[1]!.settled &&
  m.el.state === 'ready' &&
  m.part('primary-button')!.getAttribute('aria-disabled') === 'false';

/**
 * Tab 1 renewed on a process of its own (`own`, by `renewal`): the click makes one passkey on the
 * fresh options, finished on that process, with no error in either tab.
 */
async function clickToPasskey(
  c: {
    m: AppendFixture;
    net: FetchSpy;
    create: CreateSpy;
    tab2: { of: (type: 'corbado-append-error') => unknown[] };
    process: string;
    own: string | null;
    renewal: FetchCall;
  },
  completionType: string,
  states: string[],
) {
  const { m, net, create, tab2, process, own, renewal } = c;
  await realClick(m.part('primary-button')!);
  const complete = await m.event('corbado-append-complete');
  expect(complete.status).to.equal('complete');
  expect(complete.completionType).to.equal(completionType);
  await m.state('success');

  const t = await trafficByTab(m.projectId, net);
  expect(
    t.tab1Starts.map((r) => r.processId),
    `tab 1's starts (${t.summary})`,
  ).to.deep.equal([process, own]);
  expect(
    t.finishes.map((r) => r.processId),
    `finish on tab 1's own process (${t.summary})`,
  ).to.deep.equal([own]);
  expect(create.calls, 'one ceremony').to.have.length(1);
  expect(usedChallenge(create, 0), 'on the fresh options').to.equal(challengeOf(renewal));
  expect(m.of('corbado-append-error'), 'tab 1 errors (never finish-failed)').to.deep.equal([]);
  expect(m.states()).to.deep.equal(states);
  expect(tab2.of('corbado-append-error'), 'the second tab errors').to.deep.equal([]);
  await expectOnePasskey(m);
}

describe('<corbado-append> in two tabs of one browser, without Web Locks (issue 19)', () => {
  it("the second tab starts on tab 1's process; tab 1 sees its start mark, renews on a process of its own before the click, and the click makes the passkey (complete)", async () => {
    const { m, net, create, process } = await tab1();
    expect(navigator.locks, 'tab 1 has no Web Locks').to.equal(undefined);

    const tab2 = await openTab(m.projectId, { webLocks: false });
    expect(tab2.webLocks, 'the second tab has no Web Locks').to.equal(false);
    await tab2.event('corbado-append-ready'); // its start went out and was answered
    await waitFor(() => renewed(m, net), "tab 1's fresh options on a process of its own, after the second tab's start");
    await m.el.updateComplete;

    const t = await trafficByTab(m.projectId, net);
    expect(
      t.tab2Starts.map((r) => r.processId),
      `the second tab started on tab 1's process (${t.summary})`,
    ).to.deep.equal([process]);
    const renewal = net.api(START)[1]!;
    const own = processOf(renewal);
    expect(own, `tab 1's renewal: a process of its own (${t.summary})`).to.be.a('string').and.not.equal(process);
    expect(processOf(net.api(INIT)[1]!), "tab 1's renewal init resumes nothing").to.equal(null);
    expect(m.text('message'), 'a silent renewal: no notice').not.to.equal(en.expired);
    expect(create.calls, 'no ceremony yet').to.have.length(0);

    await clickToPasskey({ m, net, create, tab2, process, own, renewal }, 'manual', [
      'loading',
      'ready',
      'creating',
      'finishing',
      'success',
    ]);
  });

  it("a click right after the second tab's start, before its storage event arrives: no create() on the voided options — fresh ones with the 'expired' notice, and the next click makes the passkey", async () => {
    const { m, net, create, process } = await tab1();
    const held = holdStartMarkEvents(m.projectId);

    const tab2 = await openTab(m.projectId, { webLocks: false });
    await tab2.event('corbado-append-ready'); // its start went out and was answered
    await waitFor(() => held.events.length > 0, "the second tab's start mark reaching tab 1 (held back)");
    const t = await trafficByTab(m.projectId, net);
    expect(
      t.tab2Starts.map((r) => r.processId),
      `the second tab started on tab 1's process (${t.summary})`,
    ).to.deep.equal([process]);
    expect(net.api(START), 'tab 1 knows nothing yet').to.have.length(1);

    await realClick(m.part('primary-button')!);
    expect(create.calls, 'create() on the voided options').to.have.length(0);
    await waitFor(() => renewed(m, net), 'fresh options on a process of its own, after the click');
    await m.el.updateComplete;
    expect(m.text('message')).to.equal(en.expired);
    const renewal = net.api(START)[1]!;
    const own = processOf(renewal);
    expect(own, `tab 1's renewal: a process of its own (${t.summary})`).to.be.a('string').and.not.equal(process);
    expect(create.calls, 'no ceremony on its own').to.have.length(0);

    held.release(); // the storage event arrives, late: it changes nothing
    expect(renewed(m, net), 'still on the fresh options').to.equal(true);

    await clickToPasskey({ m, net, create, tab2, process, own, renewal }, 'manual-retry', [
      'loading',
      'ready',
      'loading',
      'ready',
      'creating',
      'finishing',
      'success',
    ]);
  });
});
