/**
 * What the design promises a user, in real Chromium against the emulator: success shows where the
 * passkey is kept (provider icon only from `data:` PNG/SVG/WebP URLs, as `<img alt="">`, chosen by
 * colour scheme; neutral words for an unknown provider) and a Continue that fires
 * `corbado-append-continue`; focus after "Not now" and Continue goes to what follows the element
 * unless the page prevents it; "Not now" is remembered with `snooze-days` (no request while it
 * holds); the languages load from beside the element (here: the sources, `locales/<lang>.ts`).
 */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '../helpers/engine.js';
import fr from '../../src/components/locales/fr.js';
import { en } from '../../src/strings.js';
import { CorbadoAppend } from '../../src/index.js';
import { onCleanup } from '../helpers/cleanup.js';
import { getRequests } from '../helpers/emulator.js';
import { appendFixture, waitFor, type AppendFixture, type FixtureOptions } from '../helpers/fixture.js';

const svg = (fill: string) =>
  `data:image/svg+xml;base64,${btoa(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><rect width="2" height="2" fill="${fill}"/></svg>`)}`;

/** The element between two links on a page; the one after it is where focus goes on. */
async function onPage(opts: FixtureOptions = {}): Promise<{ m: AppendFixture; after: HTMLAnchorElement }> {
  const main = document.createElement('main');
  main.innerHTML =
    '<a href="#before">Before</a><div id="slot"></div><p>Text</p><button disabled>Disabled</button><a href="#after" id="after">After</a>';
  document.body.append(main);
  onCleanup(async () => {
    main.remove();
    await emulateMedia({ colorScheme: 'light' });
  });
  const m = await appendFixture({ ...opts, parent: main.querySelector<HTMLElement>('#slot')! });
  await m.state('ready');
  return { m, after: main.querySelector<HTMLAnchorElement>('#after')! };
}

async function succeed(m: AppendFixture): Promise<void> {
  m.click('primary-button');
  await m.state('success', 10_000);
}

const images = (m: AppendFixture) => [...m.el.shadowRoot!.querySelectorAll<HTMLImageElement>('[part="provider-icon"]')];
const shownImage = (m: AppendFixture) => images(m).filter((i) => getComputedStyle(i).display !== 'none');

describe('<corbado-append> design', () => {
  describe('success', () => {
    it('names a known provider with its icon for the colour scheme: <img alt=""> from data: URLs only', async () => {
      const light = svg('#111');
      const dark = svg('#eee');
      const { m } = await onPage({ scenario: { aaguidName: 'Acme Vault', aaguidIconLight: light, aaguidIconDark: dark } });
      await succeed(m);
      expect(m.part('icon')!.querySelector('svg'), 'a check mark').to.not.equal(null);
      expect(m.text('title')).to.equal(en.successTitle);
      expect(m.text('description')).to.equal(en.successStoredIn.replace('{name}', 'Acme Vault'));
      expect(images(m).map((i) => [i.getAttribute('src'), i.getAttribute('alt')])).to.deep.equal([
        [light, ''],
        [dark, ''],
      ]);
      expect(shownImage(m).map((i) => i.src)).to.deep.equal([light]);
      await emulateMedia({ colorScheme: 'dark' });
      expect(shownImage(m).map((i) => i.src)).to.deep.equal([dark]);
      m.el.theme = 'light';
      await m.el.updateComplete;
      expect(
        shownImage(m).map((i) => i.src),
        'theme="light" wins over the OS',
      ).to.deep.equal([light]);
    });

    it('shows no icon that is not a data: PNG, SVG or WebP (a remote URL, data: HTML), and never markup', async () => {
      const scenario = {
        aaguidName: 'Acme Vault',
        aaguidIconLight: 'data:text/html,<b>x</b>',
        aaguidIconDark: 'https://cdn.example/icon.png',
      };
      const { m } = await onPage({ scenario });
      await succeed(m);
      expect(images(m)).to.have.length(0);
      expect(m.el.shadowRoot!.querySelectorAll('[part="description"] svg, [part="description"] b')).to.have.length(0);
      expect(m.text('description')).to.contain('Acme Vault');
    });

    it('an unknown provider ("Passkey manager", the emulator default) gets neutral words', async () => {
      const { m } = await onPage();
      await succeed(m);
      expect(m.text('description')).to.equal(en.successText);
      expect(m.text('description')).to.not.match(/Passkey manager/);
    });

    it('Continue fires corbado-append-continue, hides the card and moves focus to what follows the element', async () => {
      const { m, after } = await onPage();
      await succeed(m);
      const continues: unknown[] = [];
      m.el.addEventListener('corbado-append-continue', (e) => continues.push(e.detail));
      m.part('continue-button')!.focus();
      m.click('continue-button');
      await m.el.updateComplete;
      expect(continues).to.deep.equal([{ status: 'complete' }]);
      expect(m.part('container')).to.equal(null);
      expect(m.el.getBoundingClientRect().height).to.equal(0);
      expect(document.activeElement).to.equal(after);
    });

    it('Continue with preventDefault(): the page keeps focus where it wants it', async () => {
      const { m, after } = await onPage();
      await succeed(m);
      m.el.addEventListener('corbado-append-continue', (e) => e.preventDefault());
      m.part('continue-button')!.focus();
      m.click('continue-button');
      await m.el.updateComplete;
      expect(document.activeElement).to.not.equal(after);
    });
  });

  describe('"Not now"', () => {
    it('moves focus to what follows the element (past text and a disabled button); preventDefault() keeps it', async () => {
      const first = await onPage();
      first.m.part('skip-button')!.focus();
      first.m.click('skip-button');
      await first.m.state('skipped');
      expect(document.activeElement).to.equal(first.after);

      const second = await onPage();
      second.m.el.addEventListener('corbado-append-skip', (e) => e.preventDefault());
      second.m.part('skip-button')!.focus();
      second.m.click('skip-button');
      await second.m.state('skipped');
      expect(document.activeElement).to.not.equal(second.after);
    });

    it('snooze-days: remembered for this project; the next mount skips at once (snoozed) with no request; a corrupt value fails open', async () => {
      const key = (id: string) => `corbado-append:snooze:${id}`;
      const first = await appendFixture({ attrs: { 'snooze-days': '7' } });
      onCleanup(() => localStorage.removeItem(key(first.projectId)));
      await first.state('ready');
      first.click('skip-button');
      await first.state('skipped');
      expect(Number(localStorage.getItem(key(first.projectId)))).to.be.closeTo(Date.now(), 5000);
      const before = (await getRequests(first.projectId)).length;
      first.remove();

      const again = await appendFixture({ projectId: first.projectId, attrs: { 'snooze-days': '7' } });
      expect(await again.event('corbado-append-skip')).to.deep.equal({ status: 'skip-implicit', reason: 'snoozed' });
      expect((await getRequests(first.projectId)).length, 'no request while snoozed').to.equal(before);
      again.remove();

      localStorage.setItem(key(first.projectId), 'not a time');
      const open = await appendFixture({ projectId: first.projectId, attrs: { 'snooze-days': '7' } });
      await open.state('ready');
    });
  });

  describe('languages', () => {
    it('lang="fr" loads French from beside the element; a language not shipped (sv) stays English', async () => {
      const french = await appendFixture({ attrs: { lang: 'fr' } });
      await french.state('ready');
      await waitFor(() => french.text('title') === fr.defaultTitle, `French, now ${french.text('title')}`);
      expect(french.text('primary-button')).to.equal(fr.create);

      const swedish = await appendFixture({ attrs: { lang: 'sv' } });
      await swedish.state('ready');
      expect(swedish.text('title')).to.equal(en.defaultTitle);
    });

    it('CorbadoAppend.addLocale() adds a language of the page; `strings` still overrides any key', async () => {
      CorbadoAppend.addLocale('x-pirate', { defaultTitle: 'Arr, a passkey', create: 'Hoist it' });
      const m = await appendFixture({ attrs: { lang: 'x-pirate' }, props: { strings: { create: 'Make it so' } } });
      await m.state('ready');
      expect(m.text('title')).to.equal('Arr, a passkey');
      expect(m.text('primary-button')).to.equal('Make it so');
      expect(m.text('skip-button'), 'missing keys fall back to English').to.equal(en.skip);
    });
  });
});
