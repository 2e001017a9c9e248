/**
 * Accessibility of `<corbado-append>` in real Chromium: axe-core finds no violation in any state
 * (ready ×3 variants, restricted, learn-more, creating, finishing, cancelled, success with a
 * provider icon, already registered, the final error; light and dark; German), the keyboard-only path
 * works, focus follows the result, and `prefers-reduced-motion` stops the spinner.
 *
 * axe runs (chai-a11y-axe: `expect(el).to.be.accessible()`) on a small signed-in page (`<main>`
 * with an `<h1>`) holding the element; it walks into the open shadow root (a control below).
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { emulateMedia } from '../helpers/engine.js';
import { onCleanup } from '../helpers/cleanup.js';
import { appendFixture, waitFor, type AppendFixture, type FixtureOptions } from '../helpers/fixture.js';
import { setUserVerified } from '../helpers/webauthn.js';

/**
 * axe-core on `root` (chai-a11y-axe, registered by @open-wc/testing: axe's default rules, WCAG 2.x
 * A/AA and its best practices); fails with the violations, naming the state.
 */
async function expectNoViolations(root: Element, what: string): Promise<void> {
  try {
    await expect(root).to.be.accessible();
  } catch (e) {
    throw new Error(`axe violations in state "${what}":\n${(e as Error).message}`);
  }
}

/**
 * The element on a signed-in page: a link before it (keyboard start), a main landmark and a
 * heading; the page (and, by `emulateMedia`, the emulated media) are undone after the test.
 */
async function onPage(opts: FixtureOptions = {}): Promise<{ m: AppendFixture; main: HTMLElement; link: HTMLAnchorElement }> {
  const main = document.createElement('main');
  main.innerHTML = '<h1>Welcome back</h1><p><a href="#account" id="before">Your account</a></p>';
  document.body.append(main);
  onCleanup(() => main.remove());
  const m = await appendFixture({ ...opts, parent: main });
  await m.state('ready');
  return { m, main, link: main.querySelector<HTMLAnchorElement>('#before')! };
}

const focusedPart = (m: AppendFixture) => m.el.shadowRoot!.activeElement?.getAttribute('part') ?? null;

describe('<corbado-append> accessibility', () => {
  before(() => {
    document.documentElement.lang = 'en';
    document.title = 'Signed in';
  });

  it('axe looks into open shadow roots (a control: a nameless button in one is a violation)', async () => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<button></button>';
    document.body.append(host);
    onCleanup(() => host.remove());
    await expect(host).not.to.be.accessible();
  });

  it('ready, learn-more, and back: no axe violations', async () => {
    const { m, main } = await onPage();
    await expectNoViolations(main, 'ready');

    m.click('learn-more-button');
    await m.el.updateComplete;
    expect(m.part('title')!.textContent).to.match(/passkey/i);
    await expectNoViolations(main, 'learn-more');
  });

  it('keyboard focus stays on the learn-more toggle through "Learn more" and "Back"', async () => {
    const { m } = await onPage({ authenticator: false });
    m.part('learn-more-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await m.el.updateComplete;
    expect(m.part('title')!.textContent).to.match(/what is a passkey/i);
    expect(focusedPart(m)).to.equal('learn-more-button');
    await sendKeys({ press: 'Enter' });
    await m.el.updateComplete;
    expect(m.part('title')!.textContent).to.not.match(/what is a passkey/i);
    expect(focusedPart(m)).to.equal('learn-more-button');
  });

  it('ready in the dark theme, and with the OS in dark mode: no axe violations', async () => {
    const { m, main } = await onPage({ attrs: { theme: 'dark' } });
    await expectNoViolations(main, 'ready (theme=dark)');
    m.el.theme = 'auto';
    await emulateMedia({ colorScheme: 'dark' });
    await m.el.updateComplete;
    await expectNoViolations(main, 'ready (prefers-color-scheme: dark)');
  });

  it('creating (ceremony pending): no axe violations; the spinner spins unless reduced motion is asked for', async () => {
    const { m, main } = await onPage({ authenticator: { automaticPresenceSimulation: false } });
    m.click('primary-button');
    await m.state('creating');
    expect(m.part('primary-button')!.getAttribute('aria-disabled')).to.equal('true');
    expect(m.part('container')!.getAttribute('aria-busy')).to.equal('true');
    await expectNoViolations(main, 'creating');

    const spinner = m.part('spinner')!;
    expect(spinner.getAttribute('aria-hidden')).to.equal('true');
    expect(getComputedStyle(spinner).animationName).to.not.equal('none');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(spinner).animationName).to.equal('none');
    await emulateMedia({ reducedMotion: 'no-preference' });
    expect(getComputedStyle(spinner).animationName).to.not.equal('none');
  });

  it('error (finish refused): no axe violations; the message is an alert', async () => {
    const { m, main } = await onPage({ scenario: { faults: { finish: 'http-400' } } });
    m.click('primary-button');
    await m.state('error', 10_000);
    expect(m.part('message')!.getAttribute('role')).to.equal('alert');
    expect(m.text('message')).to.not.equal('');
    await expectNoViolations(main, 'error');
  });

  it('keyboard only: Tab reaches the button, Enter creates the passkey, focus moves to the result', async () => {
    const { m, main, link } = await onPage();
    link.focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(m.el);
    expect(focusedPart(m)).to.equal('primary-button');

    await sendKeys({ press: 'Enter' });
    const complete = await m.event('corbado-append-complete', 10_000);
    expect(complete.status).to.equal('complete');
    await m.state('success');
    expect(document.activeElement).to.equal(m.el);
    expect(focusedPart(m)).to.equal('title');
    await expectNoViolations(main, 'success');
  });

  it('a ceremony the user did not start here (autoAppend) ends while they type elsewhere: focus stays there', async () => {
    const main = document.createElement('main');
    main.innerHTML = '<h1>Welcome back</h1><label>Note <input id="note"></label>';
    document.body.append(main);
    onCleanup(() => main.remove());
    const note = main.querySelector<HTMLInputElement>('#note')!;
    note.focus();
    // Cancelled (UV refused: NotAllowedError), then, with UV, created: both without a click.
    const cancelled = await appendFixture({
      parent: main,
      scenario: { autoAppend: true, userVerification: 'required' },
      authenticator: { isUserVerified: false },
    });
    await waitFor(() => cancelled.states().includes('creating') && cancelled.el.state === 'ready', 'the auto ceremony cancelled');
    await cancelled.el.updateComplete;
    expect(document.activeElement?.id || document.activeElement?.localName, 'after the cancel').to.equal(note.id);
    cancelled.el.remove();
    await setUserVerified(cancelled.authenticatorId!, true);
    const created = await appendFixture({ parent: main, scenario: { autoAppend: true } });
    await created.state('success');
    await created.el.updateComplete;
    expect(document.activeElement?.id || document.activeElement?.localName, 'after the success').to.equal(note.id);
  });

  it('after a cancel, focus is back on the button and the message is announced', async () => {
    // NotAllowedError, as when the user cancels
    const { m, main, link } = await onPage({ authenticator: { isUserVerified: false } });
    link.focus();
    await sendKeys({ press: 'Tab' });
    expect(focusedPart(m)).to.equal('primary-button');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => m.states().includes('creating') && m.el.state === 'ready', 'the cancel');
    await m.el.updateComplete;
    expect(document.activeElement).to.equal(m.el);
    expect(focusedPart(m)).to.equal('primary-button');
    expect(m.part('message')!.getAttribute('role')).to.equal('alert');
    expect(m.part('message')!.textContent).to.match(/cancel/i);
    await expectNoViolations(main, 'ready after cancel');
  });

  it('options that expire during the browser prompt: once renewed, focus is back on the button', async function () {
    this.timeout(20_000);
    // The prompt never answers (no presence); the options (5 s, of which the offer may use 2–3 s:
    // the rest is the finish's margin and the Date header's resolution) die, are aborted and renewed.
    const { m, link } = await onPage({ scenario: { ttlMs: 5000 }, authenticator: { automaticPresenceSimulation: false } });
    link.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await m.state('creating');
    await waitFor(() => m.states().includes('loading', 2) && m.el.state === 'ready', 'the renewal after the expiry', 10_000);
    await m.el.updateComplete;
    expect(m.text('message')).to.match(/timed out/i);
    expect(document.activeElement).to.equal(m.el);
    expect(focusedPart(m)).to.equal('primary-button');
  });

  const providerIcon = `data:image/svg+xml;base64,${btoa('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><rect width="2" height="2"/></svg>')}`;

  for (const theme of ['light', 'dark']) {
    it(`every other state, theme="${theme}": variants, restricted hint, finishing, success with a provider icon, already registered, final error`, async () => {
      const attrs = { theme };
      for (const variant of ['after-hybrid', 'after-error']) {
        const { main } = await onPage({ attrs, scenario: { variant } });
        await expectNoViolations(main, `ready (${variant}, ${theme})`);
        main.remove(); // one main landmark at a time
      }
      const restricted = await onPage({ attrs, scenario: { isRestrictedBrowser: true } });
      expect(restricted.m.text('hint')).to.not.equal('');
      await expectNoViolations(restricted.main, `restricted (${theme})`);
      restricted.main.remove();

      const finishing = await onPage({ attrs, scenario: { faults: { finish: 'timeout' } } });
      finishing.m.click('primary-button');
      await finishing.m.state('finishing', 10_000);
      await expectNoViolations(finishing.main, `finishing (${theme})`);
      finishing.main.remove();

      const done = await onPage({
        attrs,
        scenario: { aaguidName: 'Acme Vault', aaguidIconLight: providerIcon, aaguidIconDark: providerIcon },
      });
      done.m.click('primary-button');
      await done.m.state('success', 10_000);
      expect(done.m.part('provider-icon')).to.not.equal(null);
      await expectNoViolations(done.main, `success with a provider icon (${theme})`);
      done.main.remove();

      // That passkey is now on the authenticator and excluded: the next click is complete-noop.
      const again = await onPage({ attrs, projectId: done.m.projectId });
      again.m.click('primary-button');
      await again.m.state('success', 10_000);
      expect(again.m.of('corbado-append-complete')[0].status).to.equal('complete-noop');
      await expectNoViolations(again.main, `already registered (${theme})`);
      again.main.remove();

      const failed = await onPage({ attrs, scenario: { faults: { finish: 'http-400' } } });
      failed.m.click('primary-button');
      await failed.m.state('error', 10_000);
      await expectNoViolations(failed.main, `final error (${theme})`);
    });
  }

  it('German, in the states a user sees most: ready, learn more, cancelled', async () => {
    const { m, main } = await onPage({ attrs: { lang: 'de' }, authenticator: { isUserVerified: false } });
    await waitFor(() => m.text('primary-button') === 'Passkey erstellen', 'German');
    await expectNoViolations(main, 'ready (de)');
    m.click('learn-more-button');
    await m.el.updateComplete;
    await expectNoViolations(main, 'learn more (de)');
    m.click('learn-more-button');
    m.click('primary-button');
    await waitFor(() => m.part('message')!.getAttribute('role') === 'alert', 'the cancel notice');
    await expectNoViolations(main, 'cancelled (de)');
  });
});
