/**
 * Server decisions of the start response that shape what the element shows (DESIGN.md,
 * "Server decisions"): `variant` (in English and German), `isRestrictedBrowser`, the quiet skips
 * (`appendAllowed`, passkey intel), `customData`, and the learn-more view. Real Chromium, the
 * same-origin emulator, the CDP virtual authenticator.
 */
import { expect } from '@open-wc/testing';
import { de, en, type AppendStrings } from '../../src/components/messages.js';
import { getCredentials, getRequests, setScenario, uniqueProjectId } from '../helpers/emulator.js';
import { mountAppend, type Mounted } from '../helpers/element.js';
import { spyCreate, spyFetch, type CreateSpy, type FetchSpy } from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';

const VARIANT_TEXT: Record<string, (t: AppendStrings) => [string, string]> = {
  default: t => [t.defaultTitle, t.defaultText],
  'after-hybrid': t => [t.afterHybridTitle, t.afterHybridText],
  'after-error': t => [t.afterErrorTitle, t.afterErrorText],
};

describe('server decisions: what the element shows', () => {
  let m: Mounted | undefined;
  let parent: HTMLElement | undefined;
  let create: CreateSpy | undefined;
  let fetchSpy: FetchSpy | undefined;
  let restoreLanguage: (() => void) | undefined;

  beforeEach(async () => {
    await authn.addAuthenticator();
  });
  afterEach(async () => {
    m?.remove();
    parent?.remove();
    create?.restore();
    fetchSpy?.restore();
    restoreLanguage?.();
    m = parent = create = fetchSpy = restoreLanguage = undefined;
    await authn.clearAuthenticators();
  });

  const text = (name: string) => m!.part(name)?.textContent?.trim();

  /** Mounts with `variant`, waits for ready; returns the ready detail. */
  async function showVariant(variant: string, opts: Parameters<typeof mountAppend>[1] = {}) {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { variant });
    m = mountAppend(projectId, opts);
    const ready = await m.next('corbado-append-ready');
    await m.state('ready');
    return ready;
  }

  describe('variant', () => {
    for (const variant of ['default', 'after-hybrid', 'after-error']) {
      it(`${variant}: its own heading and text in English; the ready event names it`, async () => {
        const ready = await showVariant(variant, { attrs: { lang: 'en' } });
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
        const ready = await showVariant(variant, { attrs: { lang: 'de' } });
        expect(ready.variant).to.equal(variant);
        const [title, description] = VARIANT_TEXT[variant]!(de);
        expect(text('title')).to.equal(title);
        expect(text('description')).to.equal(description);
        expect(text('primary-button')).to.equal(de.create);
        expect(text('skip-button')).to.equal(de.skip);
      });
    }

    it('German from the closest ancestor lang (de-AT), English when an ancestor says en', async () => {
      parent = document.createElement('div');
      parent.lang = 'de-AT';
      const inner = document.createElement('div');
      parent.append(inner);
      document.body.append(parent);
      await showVariant('after-hybrid', { parent: inner });
      expect(text('title')).to.equal(de.afterHybridTitle);
      m!.remove();

      parent.lang = 'en';
      inner.lang = 'en-GB';
      await showVariant('after-hybrid', { parent: inner });
      expect(text('title')).to.equal(en.afterHybridTitle);
    });

    it('no lang anywhere: follows navigator.language (de-DE → German)', async () => {
      const html = document.documentElement;
      const htmlLang = html.getAttribute('lang');
      html.removeAttribute('lang');
      Object.defineProperty(navigator, 'language', { value: 'de-DE', configurable: true });
      restoreLanguage = () => {
        delete (navigator as { language?: string }).language;
        if (htmlLang !== null) html.setAttribute('lang', htmlLang);
      };
      expect(document.querySelector('[lang]'), 'no element with lang in the page').to.equal(null);
      await showVariant('after-error');
      expect(text('title')).to.equal(de.afterErrorTitle);
      expect(text('description')).to.equal(de.afterErrorText);
    });

    it('an unknown variant renders as default', async () => {
      const ready = await showVariant('after-passkey-removal', { attrs: { lang: 'en' } });
      expect(ready.variant).to.equal('default');
      expect(text('title')).to.equal(en.defaultTitle);
      expect(text('description')).to.equal(en.defaultText);
    });

    it('a missing variant renders as default', async () => {
      // The emulator always sends a variant: this test deletes it from the real start response
      // on its way to the element (status, headers and everything else untouched).
      fetchSpy = spyFetch((path, json) => {
        if (path === '/v2/connect/append/start') delete json.variant;
        return json;
      });
      const ready = await showVariant('after-hybrid', { attrs: { lang: 'en' } });
      expect(fetchSpy.of('/v2/connect/append/start')[0]!.response.variant, 'the emulator did send one').to.equal('after-hybrid');
      expect(ready.variant).to.equal('default');
      expect(text('title')).to.equal(en.defaultTitle);
    });
  });

  describe('learn more', () => {
    it('shows the explanation inside the element; back returns to the offer, which still works', async () => {
      const projectId = uniqueProjectId();
      await setScenario(projectId, { variant: 'after-hybrid' });
      m = mountAppend(projectId, { attrs: { lang: 'en' } });
      await m.state('ready');
      const button = m.part<HTMLButtonElement>('learn-more-button')!;
      expect(button.tagName).to.equal('BUTTON');
      expect(button.textContent!.trim()).to.equal(en.learnMore);
      const pageText = document.body.innerText;
      button.click();
      await m.el.updateComplete;
      expect(text('title')).to.equal(en.learnMoreTitle);
      expect(text('description')).to.equal(en.learnMoreText);
      expect(document.body.innerText, 'nothing added outside the element').to.equal(pageText);
      expect(m.el.state).to.equal('ready');
      const back = m.part<HTMLButtonElement>('learn-more-button')!;
      expect(back.textContent!.trim()).to.equal(en.back);
      back.click();
      await m.el.updateComplete;
      expect(text('title')).to.equal(en.afterHybridTitle);
      expect(text('description')).to.equal(en.afterHybridText);
      expect(text('learn-more-button')).to.equal(en.learnMore);

      m.part<HTMLButtonElement>('primary-button')!.click();
      expect((await m.next('corbado-append-complete')).completionType).to.equal('manual');
    });
  });

  describe('isRestrictedBrowser', () => {
    it('shows the hint, and starts neither auto nor conditional create though the server asks for both', async () => {
      const projectId = uniqueProjectId();
      await setScenario(projectId, { isRestrictedBrowser: true, autoAppend: true, conditionalAppend: true });
      create = spyCreate();
      m = mountAppend(projectId, { attrs: { lang: 'en' } });
      const ready = await m.next('corbado-append-ready');
      expect(ready).to.include({ isRestrictedBrowser: true, autoAppend: true, conditionalAppend: true });
      await m.state('ready');
      // Both attempts would start in the same task as the ready event: give them two more tasks.
      await new Promise(r => setTimeout(r, 0));
      await new Promise(r => setTimeout(r, 50));
      expect(create.calls, 'create() was called without a click').to.have.length(0);
      expect(m.el.state).to.equal('ready');
      const hint = m.part('hint')!;
      expect(hint, 'part hint').to.exist;
      expect(hint.textContent!.trim()).to.equal(en.restrictedHint);
      expect(hint.getBoundingClientRect().height).to.be.above(0);

      // The offer itself still works, by click.
      m.part<HTMLButtonElement>('primary-button')!.click();
      expect((await m.next('corbado-append-complete')).completionType).to.equal('manual');
      expect(create.calls.map(c => c.mediation)).to.deep.equal([undefined]);
    });

    it('no hint when the browser is not restricted', async () => {
      await showVariant('default');
      expect(m!.part('hint')).to.equal(null);
    });
  });

  describe('quiet skips', () => {
    it('appendAllowed false → skip-implicit append-not-allowed, no start, no error, no space', async () => {
      const projectId = uniqueProjectId();
      await setScenario(projectId, { appendAllowed: false });
      create = spyCreate();
      m = mountAppend(projectId);
      expect(await m.next('corbado-append-skip')).to.deep.equal({ status: 'skip-implicit', reason: 'append-not-allowed' });
      await m.state('skipped');
      expect(m.of('corbado-append-error')).to.have.length(0);
      expect(m.of('corbado-append-ready')).to.have.length(0);
      expect((await getRequests(projectId)).map(r => r.path)).to.deep.equal(['/v2/connect/append/init']);
      expect(create.calls).to.have.length(0);
      expect(m.el.getBoundingClientRect().height).to.equal(0);
      expect(m.el.shadowRoot!.children.length === 0 || m.el.shadowRoot!.textContent!.trim() === '').to.equal(true);
    });

    it('passkey intel denied (attestationOptions "") → skip-implicit passkey-intel-denied, no error, no create, no space', async () => {
      const projectId = uniqueProjectId();
      await setScenario(projectId, { passkeyIntelDenied: true });
      create = spyCreate();
      m = mountAppend(projectId);
      expect(await m.next('corbado-append-skip')).to.deep.equal({ status: 'skip-implicit', reason: 'passkey-intel-denied' });
      await m.state('skipped');
      expect(m.of('corbado-append-error')).to.have.length(0);
      expect(m.of('corbado-append-ready')).to.have.length(0);
      expect(m.of('corbado-append-state').map(s => s.state)).to.deep.equal(['loading', 'skipped']);
      const requests = await getRequests(projectId);
      expect(requests.map(r => r.path)).to.deep.equal(['/v2/connect/append/init', '/v2/connect/append/start']);
      expect(requests[1]!.body).not.to.have.property('forcePasskeyAppend');
      expect(create.calls).to.have.length(0);
      expect(m.el.getBoundingClientRect().height).to.equal(0);
      expect(getComputedStyle(m.el).display).to.equal('none');
    });

    it('force-passkey-append makes denied passkey intel offer anyway', async () => {
      const projectId = uniqueProjectId();
      await setScenario(projectId, { passkeyIntelDenied: true });
      m = mountAppend(projectId, { attrs: { 'force-passkey-append': '' } });
      await m.next('corbado-append-ready');
      await m.state('ready');
      expect(m.of('corbado-append-skip')).to.have.length(0);
      expect(m.el.getBoundingClientRect().height).to.be.above(0);
      const start = (await getRequests(projectId)).find(r => r.path === '/v2/connect/append/start')!;
      expect((start.body as { forcePasskeyAppend?: boolean }).forcePasskeyAppend).to.equal(true);
      m.part<HTMLButtonElement>('primary-button')!.click();
      expect((await m.next('corbado-append-complete')).status).to.equal('complete');
      expect(await getCredentials(projectId)).to.have.length(1);
    });
  });

  describe('customData', () => {
    const MARKUP = '<img id="cd-img" src="data:," onerror="window.__cdPwned=1"><b id="cd-bold">bold</b>';

    it('is on the ready event, echoed in finish, and never becomes markup', async () => {
      const projectId = uniqueProjectId();
      const customData = { campaign: 'spring', html: MARKUP };
      // aaguidDetails.name is the one server string the element does render: markup there too.
      await setScenario(projectId, { customData, aaguidName: `<i id="cd-name">Vault</i>` });
      (window as { __cdPwned?: number }).__cdPwned = undefined;
      m = mountAppend(projectId, { attrs: { lang: 'en' } });
      const ready = await m.next('corbado-append-ready');
      expect(ready.customData).to.deep.equal(customData);
      await m.state('ready');
      m.part<HTMLButtonElement>('primary-button')!.click();
      await m.next('corbado-append-complete');
      await m.state('success');

      const finish = (await getRequests(projectId)).find(r => r.path === '/v2/connect/append/finish')!;
      expect((finish.body as { customData?: unknown }).customData).to.deep.equal(customData);
      expect((await getCredentials(projectId))[0]!.customData).to.deep.equal(customData);

      // The aaguid name shows as text, markup and all.
      expect(text('description')).to.equal(en.successStoredIn.replace('{name}', '<i id="cd-name">Vault</i>'));
      await new Promise(r => setTimeout(r, 50)); // an <img onerror> would have fired by now
      for (const root of [document, m.el.shadowRoot!] as const) {
        for (const id of ['cd-img', 'cd-bold', 'cd-name']) {
          expect(root.querySelector(`#${id}`), `#${id} in ${root === document ? 'page' : 'shadow root'}`).to.equal(null);
        }
        expect(root.querySelectorAll('img, b, i')).to.have.length(0);
      }
      expect((window as { __cdPwned?: number }).__cdPwned).to.equal(undefined);
    });

    it('absent customData → {} on ready and none in finish', async () => {
      const projectId = uniqueProjectId();
      m = mountAppend(projectId);
      expect((await m.next('corbado-append-ready')).customData).to.deep.equal({});
      await m.state('ready');
      m.part<HTMLButtonElement>('primary-button')!.click();
      await m.next('corbado-append-complete');
      const finish = (await getRequests(projectId)).find(r => r.path === '/v2/connect/append/finish')!;
      expect(finish.body).not.to.have.property('customData');
    });
  });
});
