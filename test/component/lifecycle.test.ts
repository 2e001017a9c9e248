/**
 * Removing the element stops everything it started: its requests (aborted, seen through a
 * `fetch` wrapper), its ceremony (the `create()` signal is aborted), its timers (refresh, expiry,
 * finish retries); nothing is fired or sent after removal, and re-adding starts cleanly with a
 * new init. 1000 mount/unmount cycles, cut at every stage of the flow, leave no timer, no
 * window/document listener, no pending request and no pending ceremony behind.
 */
import { expect } from '@open-wc/testing';
import { mountAppend, type Mounted } from '../helpers/element.js';
import { getCredentials, getRequests, setScenario, uniqueProjectId } from '../helpers/emulator.js';
import { interceptFetch, sleep, spyCreate, waitFor, type CreateSpy, type FetchSpy } from '../helpers/intercept.js';
import * as authn from '../helpers/webauthn.js';

describe('<corbado-append> lifecycle', () => {
  let authenticatorId: string;
  let m: Mounted | undefined;
  let net: FetchSpy;
  let create: CreateSpy;

  beforeEach(async () => {
    authenticatorId = await authn.addAuthenticator();
    net = interceptFetch();
    create = spyCreate();
  });
  afterEach(async () => {
    m?.remove();
    m = undefined;
    net.restore();
    create.restore();
    await authn.clearAuthenticators();
  });

  /** Removes the element, then checks for `quietMs` that it emits nothing and sends nothing. */
  async function removeAndExpectSilence(mm: Mounted, quietMs: number) {
    const events = mm.events.length;
    const calls = net.api().length;
    mm.remove();
    await sleep(quietMs);
    expect(mm.events.slice(events), 'events after removal').to.deep.equal([]);
    expect(net.api().slice(calls).map(c => c.url.pathname), 'requests after removal').to.deep.equal([]);
    expect(net.pending().filter(c => c.url.pathname.startsWith('/v2/')), 'requests still pending').to.deep.equal([]);
  }

  it('removed while init is slow (latencyMs) → the init request is aborted, nothing follows', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { latencyMs: 5000 });
    m = mountAppend(projectId);
    await waitFor(() => net.api('/v2/connect/append/init').length === 1, 'init sent');
    await sleep(50);
    const init = net.api('/v2/connect/append/init')[0]!;
    expect(init.settled).to.equal(false);
    await removeAndExpectSilence(m, 300);
    expect(init.aborted, 'init aborted').to.equal(true);
    expect(init.signal?.aborted).to.equal(true);
  });

  it('removed while start hangs (timeout fault) → the start request is aborted', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { faults: { start: 'timeout' } });
    m = mountAppend(projectId);
    await waitFor(() => net.api('/v2/connect/append/start').length === 1, 'start sent');
    await sleep(50);
    const start = net.api('/v2/connect/append/start')[0]!;
    expect(start.settled).to.equal(false);
    await removeAndExpectSilence(m, 300);
    expect(start.aborted, 'start aborted').to.equal(true);
  });

  it('removed during a ceremony → create() aborted, no finish, no event', async () => {
    await authn.setPresence(authenticatorId, false);
    m = mountAppend(uniqueProjectId());
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    await m.state('creating');
    await removeAndExpectSilence(m, 300);
    expect(create.calls).to.have.length(1);
    expect(create.calls[0]!.signal?.aborted, 'ceremony aborted').to.equal(true);
    expect(create.calls[0]!.settled).to.equal(true);
  });

  it('removed while finish hangs → the finish request is aborted, no retry, no event', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { faults: { finish: 'timeout' } });
    m = mountAppend(projectId);
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    await waitFor(() => net.api('/v2/connect/append/finish').length === 1, 'finish sent');
    await sleep(50);
    await removeAndExpectSilence(m, 300);
    expect(net.api('/v2/connect/append/finish')[0]!.aborted).to.equal(true);
  });

  it('removed between finish retries → the retry timer is gone: no further finish', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { faults: { finish: 'http-500' } });
    m = mountAppend(projectId);
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    await waitFor(() => net.api('/v2/connect/append/finish').filter(c => c.settled).length === 1, 'first finish answered');
    await removeAndExpectSilence(m, 1900); // the retries would come after 400 and 1600 ms
    expect(net.api('/v2/connect/append/finish')).to.have.length(1);
  });

  it('removed while ready → refresh and expiry timers never fire', async () => {
    const projectId = uniqueProjectId();
    // Lifetime as the element computes it: 1.4–2.4 s (the Date header has 1 s resolution), so
    // the refresh is due after at most 1.8 s and the expiry comes at most 2.4 s after arrival.
    await setScenario(projectId, { ttlMs: 2400 });
    m = mountAppend(projectId);
    await m.state('ready');
    await removeAndExpectSilence(m, 2600);
    expect(net.api('/v2/connect/append/start'), 'no refresh').to.have.length(1);
  });

  it('re-added → starts cleanly with a new init and creates a passkey', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { latencyMs: 300 });
    m = mountAppend(projectId);
    await waitFor(() => net.api('/v2/connect/append/init').length === 1, 'first init');
    m.remove();
    await Promise.resolve(); // a removal ends the flow a microtask later (a move would not)
    expect(m.el.state).to.equal('idle');
    await setScenario(projectId, { latencyMs: 0 });
    document.body.append(m.el);
    await m.state('ready');
    expect(net.api('/v2/connect/append/init'), 'a new init').to.have.length(2);
    expect(net.api('/v2/connect/append/init')[0]!.aborted).to.equal(true);
    m.part<HTMLButtonElement>('primary-button')!.click();
    const complete = await m.next('corbado-append-complete');
    expect(complete.status).to.equal('complete');
    expect(await getCredentials(projectId)).to.have.length(1);
    const states = m.of('corbado-append-state').map(s => s.state);
    expect(states, 'first mount, then the second from the start').to.deep.equal(['loading', 'loading', 'ready', 'creating', 'finishing', 'success']);
    expect((await getRequests(projectId)).filter(r => r.path.endsWith('/init')).length).to.be.at.least(1);
  });
});

describe('<corbado-append> moved within the page', () => {
  it('keeps its flow: no new init, no events, state and view kept (frameworks re-parent nodes)', async () => {
    const net = interceptFetch();
    const projectId = uniqueProjectId();
    const m = mountAppend(projectId);
    try {
      await m.state('ready');
      const before = m.events.length;
      const other = document.createElement('div');
      document.body.prepend(other);
      other.append(m.el); // one task: disconnected, then connected again
      await new Promise(r => setTimeout(r, 300));
      expect(m.el.state).to.equal('ready');
      expect(m.el.getAttribute('state')).to.equal('ready');
      expect(net.api('/v2/connect/append/init'), 'no second init').to.have.length(1);
      expect(m.events.slice(before), 'nothing fired').to.deep.equal([]);
      m.part<HTMLButtonElement>('skip-button')!.click();
      expect((await m.next('corbado-append-skip')).status).to.equal('skip-explicit');
      document.body.append(m.el); // moved again after the user skipped: the offer does not come back
      await new Promise(r => setTimeout(r, 300));
      expect(m.el.state).to.equal('skipped');
      expect(net.api('/v2/connect/append/init')).to.have.length(1);
      other.remove();
    } finally {
      m.remove();
      net.restore();
    }
  });
});

describe('<corbado-append> 1000 mount/unmount cycles', () => {
  it('leave no timer, window/document listener, pending request or ceremony behind', async function () {
    this.timeout(60_000);
    const authenticatorId = await authn.addAuthenticator();
    await authn.setPresence(authenticatorId, false); // ceremonies stay pending until aborted
    const plain = uniqueProjectId(); // init answers after 200 ms: still in flight when removed
    const quick = uniqueProjectId();
    const auto = uniqueProjectId();
    await setScenario(plain, { latencyMs: 200 });
    await setScenario(auto, { autoAppend: true });

    // ── instrumentation: every timer, interval and window/document listener made from here on ──
    const w = window as unknown as Record<string, unknown>;
    type TimerFn = (handler: TimerHandler, ms?: number, ...args: unknown[]) => number;
    type ClearFn = (id?: number) => void;
    const real = {
      setTimeout: window.setTimeout as unknown as TimerFn,
      clearTimeout: window.clearTimeout as ClearFn,
      setInterval: window.setInterval as unknown as TimerFn,
      clearInterval: window.clearInterval as ClearFn,
    };
    const timers = new Map<number, string>();
    let timersMade = 0;
    w.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
      timersMade++;
      const id = real.setTimeout.call(
        window,
        (...a: unknown[]) => {
          timers.delete(id);
          if (typeof handler === 'function') (handler as (...x: unknown[]) => void)(...a);
        },
        ms,
        ...args,
      );
      timers.set(id, `${ms} ms`);
      return id;
    }) as TimerFn;
    w.clearTimeout = ((id?: number) => {
      if (id !== undefined) timers.delete(id);
      real.clearTimeout.call(window, id);
    }) as ClearFn;
    const intervals = new Set<number>();
    w.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
      const id = real.setInterval.call(window, handler, ms, ...args);
      intervals.add(id);
      return id;
    }) as TimerFn;
    w.clearInterval = ((id?: number) => {
      if (id !== undefined) intervals.delete(id);
      real.clearInterval.call(window, id);
    }) as ClearFn;
    const listeners = new Set<string>();
    const listenerIds = new WeakMap<object, number>();
    let nextListenerId = 0;
    const keyOf = (target: string, type: string, l: object, opts: unknown) => {
      if (!listenerIds.has(l)) listenerIds.set(l, nextListenerId++);
      const capture = typeof opts === 'boolean' ? opts : !!(opts as { capture?: boolean } | undefined)?.capture;
      return `${target} ${type} capture=${capture} #${listenerIds.get(l)}`;
    };
    const undo: (() => void)[] = [];
    for (const [name, target] of [['window', window], ['document', document]] as const) {
      const add = target.addEventListener;
      const remove = target.removeEventListener;
      target.addEventListener = function (this: EventTarget, type: string, l: EventListenerOrEventListenerObject | null, opts?: boolean | AddEventListenerOptions) {
        if (l) listeners.add(keyOf(name, type, l, opts));
        return add.call(this, type, l as EventListenerOrEventListenerObject, opts);
      } as typeof add;
      target.removeEventListener = function (this: EventTarget, type: string, l: EventListenerOrEventListenerObject | null, opts?: boolean | EventListenerOptions) {
        if (l) listeners.delete(keyOf(name, type, l, opts));
        return remove.call(this, type, l as EventListenerOrEventListenerObject, opts);
      } as typeof remove;
      undo.push(() => {
        target.addEventListener = add;
        target.removeEventListener = remove;
      });
    }
    const net = interceptFetch();
    const create = spyCreate();
    const late: string[] = [];
    const t0 = performance.now();
    try {
      // ── the cycles, cut at every stage ──
      for (let i = 0; i < 1000; i++) {
        const stage = i % 100 === 99 ? 'creating' : i % 50 === 49 ? 'ready' : (['sync', 'microtask', 'probes', 'init'] as const)[i % 4]!;
        const inits = net.api('/v2/connect/append/init').length;
        const m = mountAppend(stage === 'creating' ? auto : stage === 'ready' ? quick : plain);
        if (stage === 'microtask') await Promise.resolve();
        else if (stage === 'probes') await new Promise(r => real.setTimeout.call(window, r, 0));
        else if (stage === 'init') await waitFor(() => net.api('/v2/connect/append/init').length > inits, 'init sent', 5000);
        else if (stage === 'ready') await m.state('ready');
        else if (stage === 'creating') await m.state('creating');
        const seen = m.events.length;
        m.remove();
        // Anything it fires later is a leak; checked at the end.
        const el = m.el;
        const check = () => {
          if (m.events.length > seen) late.push(`cycle ${i} (${stage}): ${JSON.stringify(m.events.slice(seen))}`);
        };
        real.setTimeout.call(window, check, 1500);
        void el;
      }
      const cyclesMs = performance.now() - t0;
      // The bounded (≈1 s) client-information probes may still be running; let them expire.
      await new Promise(r => real.setTimeout.call(window, r, 1600));

      expect(late, 'events fired after removal').to.deep.equal([]);
      expect([...timers.values()], `timers left (of ${timersMade} made)`).to.deep.equal([]);
      expect([...intervals], 'intervals left').to.deep.equal([]);
      expect([...listeners.keys()], 'window/document listeners left').to.deep.equal([]);
      expect(net.pending().map(c => c.url.pathname), 'pending requests').to.deep.equal([]);
      expect(create.calls.length, 'ceremonies started').to.equal(10);
      expect(create.calls.filter(c => !c.settled), 'pending ceremonies').to.deep.equal([]);
      expect(create.calls.every(c => c.signal?.aborted), 'every ceremony aborted').to.equal(true);
      expect(document.querySelectorAll('corbado-append'), 'elements left').to.have.length(0);
      const inits = net.api('/v2/connect/append/init');
      expect(inits.length, 'inits sent').to.be.at.least(250);
      expect(inits.filter(c => c.aborted).length, 'inits aborted by removal').to.be.at.least(200);
      console.log(`1000 cycles in ${Math.round(cyclesMs)} ms; ${timersMade} timers, ${inits.length} inits (${inits.filter(c => c.aborted).length} aborted), ${create.calls.length} ceremonies`);
    } finally {
      Object.assign(window, real);
      for (const u of undo) u();
      net.restore();
      create.restore();
      await authn.clearAuthenticators();
    }
  });
});
