/**
 * Removing the element stops everything it started — its requests (aborted, seen through a
 * `fetch` wrapper), its ceremony (the `create()` signal is aborted), its timers (refresh, expiry)
 * — but a finish: a passkey on the device still goes to the server. Nothing is fired after
 * removal, and re-adding starts cleanly with a new init. 1000 mount/unmount cycles, cut at every stage of the flow, leave no timer, no
 * window/document listener, no pending request and no pending ceremony behind.
 *
 * (That the refresh and expiry timers of a removed flow never fire is proven on a fake clock by
 * test/flow/controller.test.ts, "removal aborts the ceremony, the requests and every timer; nothing
 * fires afterwards"; here the 1000 cycles, cut at `ready` among other stages, find no timer left.)
 */
import { expect } from '@open-wc/testing';
import { getCredentials, getRequests, setScenario, uniqueProjectId } from '../helpers/emulator.js';
import {
  appendFixture,
  mountAppend,
  testAuthenticator,
  waitFor,
  waitForReal,
  type AppendFixture,
  type FixtureOptions,
} from '../helpers/fixture.js';
import { fakeTimers, pause, realTimers, spyCreate, spyFetch, spyLeaks } from '../helpers/spies.js';
import { engineCapabilities, needs } from '../helpers/engine.js';

const INIT = '/v2/connect/append/init';
const START = '/v2/connect/append/start';
const FINISH = '/v2/connect/append/finish';
/** Room for a request or an event after removal, of which there must be none. */
const QUIET_MS = 300;

/** Spies on fetch and create(), then mounts. */
async function mount(opts: FixtureOptions = {}) {
  const net = spyFetch();
  const create = spyCreate();
  const m = await appendFixture(opts);

  /** Removes the element, then checks for `quietMs` that it emits nothing and sends nothing. */
  async function removeAndExpectSilence(quietMs: number) {
    const events = m.events.length;
    const calls = net.api().length;
    m.remove();
    await pause(quietMs);
    expect(m.events.slice(events), 'events after removal').to.deep.equal([]);
    expect(
      net
        .api()
        .slice(calls)
        .map((c) => c.path),
      'requests after removal',
    ).to.deep.equal([]);
    expect(
      net.pending().filter((c) => c.path.startsWith('/v2/')),
      'requests still pending',
    ).to.deep.equal([]);
  }
  /** Resolves once the emulator has received a request to `path` (it is in flight). */
  const atServer = (path: string) =>
    waitFor(async () => (await getRequests(m.projectId)).some((r) => r.path === path), `${path} at the emulator`);
  return { m, net, create, removeAndExpectSilence, atServer };
}

describe('<corbado-append> lifecycle', () => {
  it('removed while init is slow (latencyMs) → the init request is aborted, nothing follows', async () => {
    const { net, removeAndExpectSilence, atServer } = await mount({ scenario: { latencyMs: 5000 } });
    await atServer(INIT);
    const init = net.api(INIT)[0]!;
    expect(init.settled).to.equal(false);
    await removeAndExpectSilence(QUIET_MS);
    expect(init.aborted, 'init aborted').to.equal(true);
    expect(init.signal?.aborted).to.equal(true);
  });

  it('removed while start hangs (timeout fault) → the start request is aborted', async () => {
    const { net, removeAndExpectSilence, atServer } = await mount({ scenario: { faults: { start: 'timeout' } } });
    await atServer(START);
    const start = net.api(START)[0]!;
    expect(start.settled).to.equal(false);
    await removeAndExpectSilence(QUIET_MS);
    expect(start.aborted, 'start aborted').to.equal(true);
  });

  it('removed during a ceremony → create() aborted, no finish, no event', async () => {
    const { m, create, removeAndExpectSilence } = await mount({ authenticator: { automaticPresenceSimulation: false } });
    await m.state('ready');
    m.click('primary-button');
    await m.state('creating');
    await removeAndExpectSilence(QUIET_MS);
    expect(create.calls).to.have.length(1);
    expect(create.calls[0]!.signal?.aborted, 'ceremony aborted').to.equal(true);
    expect(create.calls[0]!.settled).to.equal(true);
  });

  // The one thing removal does not stop: a passkey exists on the device and goes to the server.
  it('removed while finish hangs → the request is not aborted, no event fires, its retry stores the passkey', async () => {
    // Fake setTimeout only: the request really hangs at the emulator; the client's 10 s limit passes on the fake clock.
    const clock = fakeTimers();
    const { m, net } = await mount({ scenario: { faults: { finish: { kind: 'timeout', times: 1 } } } });
    await m.state('ready');
    m.click('primary-button');
    await net.reached(FINISH, 1);
    // Held by the emulator before the fake clock runs out the 10 s limit (see finish-failures.test.ts).
    await waitForReal(async () => (await getRequests(m.projectId)).some((r) => r.path === FINISH), 'the finish at the emulator');
    const events = m.events.length;
    m.remove();
    await clock.tickAsync(QUIET_MS);
    expect(m.events.slice(events), 'events after removal').to.deep.equal([]);
    expect(net.api(FINISH)[0]!.settled, 'still waiting for its answer').to.equal(false);
    await clock.tickAsync(10_000 + 1000);
    clock.restore();
    await net.reached(FINISH, 2);
    await waitFor(() => net.api(FINISH)[1]!.settled, 'the retry answered');
    expect(await getCredentials(m.projectId)).to.have.length(1);
    expect(m.events.slice(events), 'still nothing fired').to.deep.equal([]);
  });

  it('removed between finish retries → the retry still goes out, and the passkey is stored', async () => {
    const { m, net } = await mount({ scenario: { faults: { finish: { kind: 'http-500', times: 1 } } } });
    await m.state('ready');
    m.click('primary-button');
    await waitFor(() => net.api(FINISH).filter((c) => c.settled).length === 1, 'first finish answered');
    const events = m.events.length;
    m.remove();
    await waitFor(() => net.api(FINISH).filter((c) => c.settled).length === 2, 'the retry (400 ms later) answered');
    expect(net.api(FINISH)[1]!.status).to.equal(200);
    expect(await getCredentials(m.projectId)).to.have.length(1);
    expect(m.events.slice(events), 'events after removal').to.deep.equal([]);
  });

  it('re-added → starts cleanly with a new init and creates a passkey', async () => {
    const projectId = uniqueProjectId();
    const { m, net } = await mount({ projectId, scenario: { latencyMs: 300 } });
    await waitFor(() => net.api(INIT).length === 1, 'first init');
    m.remove();
    await Promise.resolve(); // a removal ends the flow a microtask later (a move would not)
    expect(m.el.state).to.equal('idle');
    await setScenario(projectId, { latencyMs: 0 });
    document.body.append(m.el);
    await m.state('ready');
    expect(net.api(INIT), 'a new init').to.have.length(2);
    expect(net.api(INIT)[0]!.aborted).to.equal(true);
    m.click('primary-button');
    const complete = await m.event('corbado-append-complete');
    expect(complete.status).to.equal('complete');
    expect(await getCredentials(projectId)).to.have.length(1);
    expect(m.states(), 'first mount, then the second from the start').to.deep.equal([
      'loading',
      'loading',
      'ready',
      'creating',
      'finishing',
      'success',
    ]);
    expect((await getRequests(projectId)).filter((r) => r.path.endsWith('/init')).length).to.be.at.least(1);
  });
});

describe('<corbado-append> moved within the page', () => {
  /** Long enough for a restarted flow to send its init or fire an event. */
  const SETTLE_MS = 300;

  it('keeps its flow: no new init, no events, state and view kept (frameworks re-parent nodes)', async () => {
    const { m, net } = await mount();
    await m.state('ready');
    const before = m.events.length;
    const other = document.createElement('div');
    document.body.prepend(other);
    other.append(m.el); // one task: disconnected, then connected again
    await pause(SETTLE_MS);
    expect(m.el.state).to.equal('ready');
    expect(m.el.getAttribute('state')).to.equal('ready');
    expect(net.api(INIT), 'no second init').to.have.length(1);
    expect(m.events.slice(before), 'nothing fired').to.deep.equal([]);
    m.click('skip-button');
    expect((await m.event('corbado-append-skip')).status).to.equal('skip-explicit');
    document.body.append(m.el); // moved again after the user skipped: the offer does not come back
    await pause(SETTLE_MS);
    expect(m.el.state).to.equal('skipped');
    expect(net.api(INIT)).to.have.length(1);
    other.remove();
  });
});

describe('<corbado-append> 1000 mount/unmount cycles', () => {
  /** Past the bounded (≈1 s) client-information probes and the late-event checks (1.5 s). */
  const AFTERMATH_MS = 1600;

  it('leave no timer, window/document listener, pending request or ceremony behind', async function () {
    await needs(this, 'pendingCeremony');
    this.timeout(60_000);
    await testAuthenticator({ automaticPresenceSimulation: false }); // ceremonies stay pending until aborted
    // autoAppend starts the pending ceremonies where the engine still reports a platform
    // authenticator meanwhile; elsewhere (Firefox) a click does.
    const { pendingWithPlatformAuthenticator: viaAuto } = await engineCapabilities();
    const plain = uniqueProjectId(); // init answers after 200 ms: still in flight when removed
    const quick = uniqueProjectId();
    const auto = uniqueProjectId();
    await setScenario(plain, { latencyMs: 200 });
    await setScenario(auto, { autoAppend: viaAuto });

    // ── instrumentation: every timer, interval and window/document listener made from here on ──
    const leaks = spyLeaks({ window, document });
    const net = spyFetch();
    const create = spyCreate();
    const late: string[] = [];
    const t0 = performance.now();
    // ── the cycles, cut at every stage ──
    for (let i = 0; i < 1000; i++) {
      const stage = i % 100 === 99 ? 'creating' : i % 50 === 49 ? 'ready' : (['sync', 'microtask', 'probes', 'init'] as const)[i % 4]!;
      // Every cycle a first visit: no kept process (a repeat visit would send no init).
      for (const project of [plain, quick, auto]) localStorage.removeItem(`cbo_connect_process-${project}`);
      const initSent = net.reached(INIT, net.api(INIT).length + 1);
      const m: AppendFixture = mountAppend(stage === 'creating' ? auto : stage === 'ready' ? quick : plain);
      if (stage === 'microtask') await Promise.resolve();
      else if (stage === 'probes') await pause(0);
      else if (stage === 'init') await initSent;
      else if (stage === 'ready') await m.state('ready');
      else if (stage === 'creating') {
        if (!viaAuto) await m.state('ready').then(() => m.click('primary-button'));
        await m.state('creating');
      }
      const seen = m.events.length;
      m.remove();
      // Anything it fires later is a leak; checked at the end.
      realTimers.setTimeout(() => {
        if (m.events.length > seen) late.push(`cycle ${i} (${stage}): ${JSON.stringify(m.events.slice(seen))}`);
      }, 1500);
    }
    const cyclesMs = performance.now() - t0;
    await pause(AFTERMATH_MS);

    expect(late, 'events fired after removal').to.deep.equal([]);
    const left = leaks.left();
    expect(left.timeouts, `timers left (of ${leaks.timeoutsMade()} made)`).to.deep.equal([]);
    expect(left.intervals, 'intervals left').to.deep.equal([]);
    expect(left.listeners, 'window/document listeners left').to.deep.equal([]);
    expect(
      net.pending().map((c) => c.path),
      'pending requests',
    ).to.deep.equal([]);
    expect(create.calls.length, 'ceremonies started').to.equal(10);
    expect(
      create.calls.filter((c) => !c.settled),
      'pending ceremonies',
    ).to.deep.equal([]);
    expect(
      create.calls.every((c) => c.signal?.aborted),
      'every ceremony aborted',
    ).to.equal(true);
    expect(document.querySelectorAll('corbado-append'), 'elements left').to.have.length(0);
    const inits = net.api(INIT);
    expect(inits.length, 'inits sent').to.be.at.least(250);
    expect(inits.filter((c) => c.aborted).length, 'inits aborted by removal').to.be.at.least(200);
    console.log(
      `1000 cycles in ${Math.round(cyclesMs)} ms; ${leaks.timeoutsMade()} timers, ${inits.length} inits (${inits.filter((c) => c.aborted).length} aborted), ${create.calls.length} ceremonies`,
    );
  });
});
