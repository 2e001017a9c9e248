/**
 * Server decisions of the start response that shape what the element shows (docs/design.md,
 * "Server decisions"): `variant` (in English and German), `isRestrictedBrowser`, the quiet skips
 * (`appendAllowed`, passkey intel), `customData`, and the learn-more view. Real Chromium, the
 * same-origin emulator, the CDP virtual authenticator.
 */
import { expect } from '@open-wc/testing';
import de from '../../src/components/locales/de.js';
import { en, type AppendStrings } from '../../src/strings.js';
import { getCredentials, getRequests } from '../helpers/emulator.js';
import { appendFixture, waitFor, type AppendFixture, type FixtureOptions } from '../helpers/fixture.js';
import { onCleanup } from '../helpers/cleanup.js';
import { pause, spyCreate, spyFetch, stubProperty } from '../helpers/spies.js';

const VARIANT_TEXT: Record<string, (t: AppendStrings) => [string, string]> = {
  default: (t) => [t.defaultTitle, t.defaultText],
  'after-hybrid': (t) => [t.afterHybridTitle, t.afterHybridText],
  'after-error': (t) => [t.afterErrorTitle, t.afterErrorText],
};

/** Room for an `<img onerror>`, or a create() started without a click, to show itself. */
const REACTION_MS = 50;

/** Mounts with `variant`, waits for ready; returns the fixture and the ready detail. */
async function showVariant(variant: string, opts: FixtureOptions = {}) {
  const m = await appendFixture({ ...opts, scenario: { variant } });
  const ready = await m.event('corbado-append-ready');
  await m.state('ready');
  return { m, ready, text: (name: string) => m.text(name) };
}

/** The request bodies the emulator received for `path`. */
const bodies = async (m: AppendFixture, path: string) =>
  (await getRequests(m.projectId)).filter((r) => r.path === `/v2/connect/append/${path}`).map((r) => r.body as Record<string, unknown>);

describe('server decisions: what the element shows', () => {
  describe('variant', () => {
    for (const variant of ['default', 'after-hybrid', 'after-error']) {
      it(`${variant}: its own heading and text in English; the ready event names it`, async () => {
        const { ready, text } = await showVariant(variant, { attrs: { lang: 'en' } });
        expect(ready.variant).to.equal(variant);
        const [title, description] = VARIANT_TEXT[variant]!(en);
        expect(text('title')).to.equal(title);
        expect(text('description')).to.equal(description);
        // … and not any other variant's
        for (const [other, pick] of Object.entries(VARIANT_TEXT)) {
          if (other !== variant) expect(text('title')).not.to.equal(pick(en)[0]);
        }
        expect(text('primary-button')).to.equal(en.create);
      });

      it(`${variant}: German with lang="de" on the element`, async () => {
        const { ready, text } = await showVariant(variant, { attrs: { lang: 'de' } });
        expect(ready.variant).to.equal(variant);
        const [title, description] = VARIANT_TEXT[variant]!(de);
        // locales/de.ts, loaded from beside the element when it first shows German
        await waitFor(() => text('title') === title, `German title, now ${text('title')}`);
        expect(text('description')).to.equal(description);
        expect(text('primary-button')).to.equal(de.create);
        expect(text('skip-button')).to.equal(de.skip);
      });
    }

    it('German from the closest ancestor lang (de-AT), English when an ancestor says en', async () => {
      const parent = document.createElement('div');
      parent.lang = 'de-AT';
      const inner = document.createElement('div');
      parent.append(inner);
      document.body.append(parent);
      onCleanup(() => parent.remove());
      const german = await showVariant('after-hybrid', { parent: inner });
      await waitFor(() => german.text('title') === de.afterHybridTitle, 'German from the ancestor');
      german.m.remove();

      parent.lang = 'en';
      inner.lang = 'en-GB';
      const english = await showVariant('after-hybrid', { parent: inner });
      expect(english.text('title')).to.equal(en.afterHybridTitle);
    });

    it('no lang anywhere: follows navigator.language (de-DE → German)', async () => {
      const html = document.documentElement;
      const htmlLang = html.getAttribute('lang');
      html.removeAttribute('lang');
      if (htmlLang !== null) onCleanup(() => html.setAttribute('lang', htmlLang));
      stubProperty(navigator, 'language', 'de-DE');
      expect(document.querySelector('[lang]'), 'no element with lang in the page').to.equal(null);
      const { text } = await showVariant('after-error');
      await waitFor(() => text('title') === de.afterErrorTitle, 'German from navigator.language');
      expect(text('description')).to.equal(de.afterErrorText);
    });

    it('an unknown variant renders as default', async () => {
      const { ready, text } = await showVariant('after-passkey-removal', { attrs: { lang: 'en' } });
      expect(ready.variant).to.equal('default');
      expect(text('title')).to.equal(en.defaultTitle);
      expect(text('description')).to.equal(en.defaultText);
    });

    it('a missing variant renders as default', async () => {
      // The emulator always sends a variant: this test deletes it from the real start response
      // on its way to the element (status, headers and everything else untouched).
      const net = spyFetch({
        rewrite: (path, json) => {
          if (path === '/v2/connect/append/start') delete json.variant;
          return json;
        },
      });
      const { ready, text } = await showVariant('after-hybrid', { attrs: { lang: 'en' } });
      expect(net.api('/v2/connect/append/start')[0]!.response.variant, 'the emulator did send one').to.equal('after-hybrid');
      expect(ready.variant).to.equal('default');
      expect(text('title')).to.equal(en.defaultTitle);
    });
  });

  describe('learn more', () => {
    it('shows the explanation inside the element; back returns to the offer, which still works', async () => {
      const { m, text } = await showVariant('after-hybrid', { attrs: { lang: 'en' } });
      const button = m.part('learn-more-button')!;
      expect(button.tagName).to.equal('BUTTON');
      expect(button.textContent!.trim()).to.equal(en.learnMore);
      const pageText = document.body.innerText;
      button.click();
      await m.el.updateComplete;
      expect(text('title')).to.equal(en.learnMoreTitle);
      expect(text('description')).to.equal(en.learnMoreText);
      expect(document.body.innerText, 'nothing added outside the element').to.equal(pageText);
      expect(m.el.state).to.equal('ready');
      const back = m.part('learn-more-button')!;
      expect(back.textContent!.trim()).to.equal(en.back);
      back.click();
      await m.el.updateComplete;
      expect(text('title')).to.equal(en.afterHybridTitle);
      expect(text('description')).to.equal(en.afterHybridText);
      expect(text('learn-more-button')).to.equal(en.learnMore);

      m.click('primary-button');
      expect((await m.event('corbado-append-complete')).completionType).to.equal('manual');
    });
  });

  describe('isRestrictedBrowser', () => {
    it('shows the hint, and starts neither auto nor conditional create though the server asks for both', async () => {
      const create = spyCreate();
      const m = await appendFixture({
        scenario: { isRestrictedBrowser: true, autoAppend: true, conditionalAppend: true },
        attrs: { lang: 'en' },
      });
      const ready = await m.event('corbado-append-ready');
      expect(ready).to.include({ isRestrictedBrowser: true, autoAppend: true, conditionalAppend: true });
      await m.state('ready');
      // Both attempts would start in the same task as the ready event: give them two more tasks.
      await pause(0);
      await pause(REACTION_MS);
      expect(create.calls, 'create() was called without a click').to.have.length(0);
      expect(m.el.state).to.equal('ready');
      const hint = m.part('hint')!;
      expect(hint, 'part hint').to.exist;
      expect(hint.textContent!.trim()).to.equal(en.restrictedHint);
      expect(hint.getBoundingClientRect().height).to.be.above(0);

      // The offer itself still works, by click.
      m.click('primary-button');
      expect((await m.event('corbado-append-complete')).completionType).to.equal('manual');
      expect(create.calls.map((c) => c.mediation)).to.deep.equal([undefined]);
    });

    it('no hint when the browser is not restricted', async () => {
      const { m } = await showVariant('default');
      expect(m.part('hint')).to.equal(null);
    });
  });

  describe('quiet skips', () => {
    for (const [decision, scenario, reason, paths] of [
      ['appendAllowed false', { appendAllowed: false }, 'append-not-allowed', ['init']],
      ['passkey intel denied (attestationOptions "")', { passkeyIntelDenied: true }, 'passkey-intel-denied', ['init', 'start']],
    ] as const) {
      it(`${decision} → skip-implicit ${reason}, no error, no create, no space`, async () => {
        const create = spyCreate();
        const m = await appendFixture({ scenario });
        expect(await m.event('corbado-append-skip')).to.deep.equal({ status: 'skip-implicit', reason });
        await m.state('skipped');
        expect(m.of('corbado-append-error')).to.have.length(0);
        expect(m.of('corbado-append-ready')).to.have.length(0);
        expect(m.states()).to.deep.equal(['loading', 'skipped']);
        const requests = await getRequests(m.projectId);
        expect(
          requests.map((r) => r.path),
          paths.length === 1 ? 'no start' : 'init and start',
        ).to.deep.equal(paths.map((p) => `/v2/connect/append/${p}`));
        if (requests[1]) expect(requests[1].body).not.to.have.property('forcePasskeyAppend');
        expect(create.calls).to.have.length(0);
        expect(m.el.getBoundingClientRect().height).to.equal(0);
        expect(getComputedStyle(m.el).display).to.equal('none');
        expect(m.el.shadowRoot!.children.length === 0 || m.el.shadowRoot!.textContent!.trim() === '').to.equal(true);
      });
    }

    it('force-passkey-append makes denied passkey intel offer anyway', async () => {
      const m = await appendFixture({ scenario: { passkeyIntelDenied: true }, attrs: { 'force-passkey-append': '' } });
      await m.event('corbado-append-ready');
      await m.state('ready');
      expect(m.of('corbado-append-skip')).to.have.length(0);
      expect(m.el.getBoundingClientRect().height).to.be.above(0);
      expect((await bodies(m, 'start'))[0]!.forcePasskeyAppend).to.equal(true);
      m.click('primary-button');
      expect((await m.event('corbado-append-complete')).status).to.equal('complete');
      expect(await getCredentials(m.projectId)).to.have.length(1);
    });
  });

  describe('customData', () => {
    const MARKUP = '<img id="cd-img" src="data:," onerror="window.__cdPwned=1"><b id="cd-bold">bold</b>';

    it('is on the ready event, echoed in finish, and never becomes markup', async () => {
      const customData = { campaign: 'spring', html: MARKUP };
      (window as { __cdPwned?: number }).__cdPwned = undefined;
      // aaguidDetails.name is the one server string the element does render: markup there too.
      const m = await appendFixture({ scenario: { customData, aaguidName: `<i id="cd-name">Vault</i>` }, attrs: { lang: 'en' } });
      const ready = await m.event('corbado-append-ready');
      expect(ready.customData).to.deep.equal(customData);
      await m.state('ready');
      m.click('primary-button');
      await m.event('corbado-append-complete');
      await m.state('success');

      expect((await bodies(m, 'finish'))[0]!.customData).to.deep.equal(customData);
      expect((await getCredentials(m.projectId))[0]!.customData).to.deep.equal(customData);

      // The aaguid name shows as text, markup and all.
      expect(m.text('description')).to.equal(en.successStoredIn.replace('{name}', '<i id="cd-name">Vault</i>'));
      await pause(REACTION_MS);
      for (const root of [document, m.el.shadowRoot!] as const) {
        for (const id of ['cd-img', 'cd-bold', 'cd-name']) {
          expect(root.querySelector(`#${id}`), `#${id} in ${root === document ? 'page' : 'shadow root'}`).to.equal(null);
        }
        expect(root.querySelectorAll('img, b, i')).to.have.length(0);
      }
      expect((window as { __cdPwned?: number }).__cdPwned).to.equal(undefined);
    });

    it('absent customData → {} on ready and none in finish', async () => {
      const m = await appendFixture();
      expect((await m.event('corbado-append-ready')).customData).to.deep.equal({});
      await m.state('ready');
      m.click('primary-button');
      await m.event('corbado-append-complete');
      expect((await bodies(m, 'finish'))[0]).not.to.have.property('customData');
    });
  });
});
