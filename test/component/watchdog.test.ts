/**
 * A `create()` that never settles (virtual authenticator without user presence) must not freeze
 * the element: our watchdog (`ceremonyTimeoutMs`) ends it with `ceremony-timeout` and the offer
 * stays usable — the one end-to-end case of the watchdog (a real timer aborts a real `create()`);
 * and the user can always skip while a ceremony is pending.
 *
 * The rest of the watchdog on a fake clock under Node, test/flow/controller.test.ts "the watchdog":
 * its default (options timeout + 10 s; a late failure ignored, a late passkey finished),
 * `ceremonyTimeoutMs` winning, delays clamped, a `create()` that ignores its abort left behind all
 * the same, and after `autoAppend` the button with no second attempt ("autoAppend whose create()
 * never settles: …").
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/strings.js';
import { getCredentials } from '../helpers/emulator.js';
import { appendFixture, waitFor, type FixtureOptions } from '../helpers/fixture.js';
import { pause, spyCreate, spyFetch } from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';

const FINISH = '/v2/connect/append/finish';
/** Room for a late error, event or finish after a skip. */
const LATE_MS = 200;

/** Mounted with an authenticator whose create() never settles by itself; create() and fetch spied. */
async function mount(opts: FixtureOptions) {
  const create = spyCreate();
  const net = spyFetch();
  const m = await appendFixture({ ...opts, authenticator: { automaticPresenceSimulation: false } });
  return { m, create, net };
}

describe('<corbado-append> ceremony watchdog', () => {
  it('ceremonyTimeoutMs 500 → ceremony-timeout, back to ready, button and skip usable, retry works', async () => {
    const { m, create, net } = await mount({ props: { ceremonyTimeoutMs: 500 } });
    await m.state('ready');
    const t0 = performance.now();
    m.click('primary-button');
    await m.state('creating');
    const err = await m.event('corbado-append-error');
    const took = performance.now() - t0;
    expect(err.code).to.equal('ceremony-timeout');
    expect(err.recoverable).to.equal(true);
    expect(took, 'fired by the watchdog, not the 60 s options timeout').to.be.within(450, 4000);
    await m.state('ready');
    await waitFor(() => create.calls[0]!.settled, 'the pending create() aborted');
    expect(create.calls[0]!.signal?.aborted).to.equal(true);
    expect(m.part('message')!.textContent).to.contain(en.timeout);
    const button = m.part('primary-button')!;
    expect(button.getAttribute('aria-disabled'), 'button usable').to.equal('false');
    expect(m.part('spinner'), 'no spinner').to.equal(null);
    expect(m.part('skip-button'), 'skip usable').not.to.equal(null);
    expect(net.api(FINISH)).to.have.length(0);

    await authn.setPresence(m.authenticatorId!, true);
    button.click();
    const complete = await m.event('corbado-append-complete');
    expect(complete.completionType).to.equal('manual-retry');
    expect(create.modal()).to.have.length(2);
    expect(await getCredentials(m.projectId)).to.have.length(1);
  });

  it('skip while the ceremony is pending → skip-explicit, create() aborted, nothing sent', async () => {
    const { m, create, net } = await mount({ props: { ceremonyTimeoutMs: 60_000 } });
    await m.state('ready');
    m.click('primary-button');
    await m.state('creating');
    const skip = m.part('skip-button')!;
    expect(skip.disabled, 'skip usable while creating').to.equal(false);
    skip.click();
    expect(await m.event('corbado-append-skip')).to.deep.equal({ status: 'skip-explicit', reason: 'user-skipped' });
    await m.state('skipped');
    await waitFor(() => create.calls[0]!.settled, 'the pending create() aborted');
    expect(create.calls[0]!.signal?.aborted).to.equal(true);
    await pause(LATE_MS);
    expect(m.of('corbado-append-error'), 'a skip is no error').to.have.length(0);
    expect(m.of('corbado-append-skip')).to.have.length(1);
    expect(net.api(FINISH)).to.have.length(0);
    expect(m.el.getBoundingClientRect().height).to.equal(0);
  });
});
