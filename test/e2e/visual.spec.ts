/**
 * Visual regression: every state of `<corbado-append>` — ready (three variants), restricted
 * browser, learn more, creating, finishing, the cancel notice, success, already registered, the
 * final error — at 375 and 1280 px, light and dark, in English and German, compared with the
 * baselines committed in visual.spec.ts-snapshots/. Each state is reached for real: the emulator,
 * a CDP virtual authenticator, the element from source (test/e2e/pages/visual.html).
 *
 * Robust on any machine of this kind: fonts from Debian (Liberation Sans, installed with
 * Chromium; the test fails early without it), no web font, animations stopped and the caret
 * hidden by Playwright, a small tolerance. "Finishing" holds still because the page clock is
 * paused (its 4 s patience timer cannot fire). Baselines: `npx playwright test visual --update-snapshots`.
 *
 * Also here: no layout shift (item 2 of the design): the card's size and the primary button's
 * width stay within 2 px across ready, creating, finishing and the cancel notice.
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { connectEmulator } from '../../emulator/client.js';
import type { ScenarioPatch } from '../../emulator/contract.js';
import { addVirtualAuthenticator } from './virtual-authenticator';

const FONT = '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf';
const WIDTHS = [375, 1280] as const;
const SCHEMES = ['light', 'dark'] as const;
const LANGS = ['en', 'de'] as const;

/** A provider icon as Corbado sends it (`aaguidDetails.iconLight`/`iconDark`): a data: SVG per scheme. */
const icon = (fill: string) =>
  `data:image/svg+xml;base64,${Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><rect width="20" height="20" rx="5" fill="${fill}"/><path d="M6 10.5l2.5 2.5L14 7.5" stroke="#fff" stroke-width="2" fill="none"/></svg>`,
  ).toString('base64')}`;

let projects = 0;

interface Setup {
  scenario?: ScenarioPatch;
  authenticator?: Parameters<typeof addVirtualAuthenticator>[1];
}

/** The element's build on the page: its sources, or the built drop-in (`dist/`) served untouched. */
type Build = 'source' | 'drop-in';
const builds = new WeakMap<Page, Build>();

/** Serves `/drop-in/*` from dist/ as `npm run build` wrote it, past the dev server's transforms. */
async function useDropIn(page: Page) {
  builds.set(page, 'drop-in');
  await page.route('**/drop-in/**', (route) =>
    route.fulfill({ path: `dist/${new URL(route.request().url()).pathname.slice('/drop-in/'.length)}`, contentType: 'text/javascript' }),
  );
}

/** A fresh emulator project with `scenario`, a virtual authenticator, and the page loaded. */
async function open(page: Page, lang: string, { scenario = {}, authenticator = {} }: Setup = {}) {
  const project = `pro-visual-${process.pid}-${++projects}`;
  await connectEmulator(test.info().project.use.baseURL!, { projectId: project }).setScenario(scenario);
  const auth = await addVirtualAuthenticator(page, authenticator);
  await page.clock.install();
  await page.goto(pageUrl(page, project, lang));
  await state(page, 'ready');
  return { project, auth };
}

const pageUrl = (page: Page, project: string, lang: string) =>
  `/test/e2e/pages/visual.html?project=${project}&lang=${lang}${builds.get(page) === 'drop-in' ? '&build=drop-in' : ''}`;
const el = (page: Page) => page.locator('corbado-append');
const part = (page: Page, name: string) => page.locator(`corbado-append [part~="${name}"]`);
const state = (page: Page, name: string) => expect(el(page)).toHaveAttribute('state', name, { timeout: 15_000 });

/** How to reach each state, from a fresh page. */
const STATES: Record<string, (page: Page, lang: string) => Promise<unknown>> = {
  'ready-default': (page, lang) => open(page, lang),
  'ready-after-hybrid': (page, lang) => open(page, lang, { scenario: { variant: 'after-hybrid' } }),
  'ready-after-error': (page, lang) => open(page, lang, { scenario: { variant: 'after-error' } }),
  restricted: (page, lang) => open(page, lang, { scenario: { isRestrictedBrowser: true } }),
  'learn-more': async (page, lang) => {
    await open(page, lang);
    await part(page, 'learn-more-button').click();
  },
  creating: async (page, lang) => {
    await open(page, lang, { authenticator: { automaticPresenceSimulation: false } }); // create() stays pending
    await part(page, 'primary-button').click();
    await state(page, 'creating');
  },
  finishing: async (page, lang) => {
    await open(page, lang, { scenario: { faults: { finish: 'timeout' } } }); // finish hangs
    await part(page, 'primary-button').click();
    await state(page, 'finishing');
    await page.clock.pauseAt(Date.now() + 500); // before the 4 s patience timer
  },
  cancelled: async (page, lang) => {
    await open(page, lang, { authenticator: { isUserVerified: false } }); // NotAllowedError, as a cancel
    await part(page, 'primary-button').click();
    await expect(part(page, 'message')).toHaveClass(/notice/);
  },
  success: async (page, lang) => {
    const scenario = { aaguidName: 'Google Password Manager', aaguidIconLight: icon('#1a73e8'), aaguidIconDark: icon('#8ab4f8') };
    await open(page, lang, { scenario });
    await part(page, 'primary-button').click();
    await state(page, 'success');
  },
  'already-registered': async (page, lang) => {
    const { project } = await open(page, lang);
    await part(page, 'primary-button').click();
    await state(page, 'success');
    // The next visit: this authenticator already holds a passkey the server excludes.
    await page.goto(pageUrl(page, project, lang));
    await state(page, 'ready');
    await part(page, 'primary-button').click();
    await state(page, 'success');
  },
  'final-error': async (page, lang) => {
    await open(page, lang, { scenario: { faults: { finish: 'http-400' } } }); // refused: not saved
    await part(page, 'primary-button').click();
    await state(page, 'error');
  },
};

test.beforeAll(() => {
  expect(existsSync(FONT), `${FONT} missing: apt-get install fonts-liberation (Chromium recommends it)`).toBe(true);
});

for (const lang of LANGS) {
  for (const [name, reach] of Object.entries(STATES)) {
    test(`${lang} ${name}: 375 and 1280 px, light and dark, match the baselines`, async ({ page }) => {
      await reach(page, lang);
      await page.mouse.move(0, 0); // no hover on the button just clicked
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        for (const colorScheme of SCHEMES) {
          await page.emulateMedia({ colorScheme });
          await expect(el(page)).toHaveScreenshot(`${lang}-${name}-${width}-${colorScheme}.png`, {
            animations: 'disabled',
            caret: 'hide',
            maxDiffPixelRatio: 0.01,
          });
        }
      }
    });
  }
}

// The drop-in is what most pages load: its minified templates, styles and icons must draw exactly
// what the sources draw (an HTML minifier once dropped the icons' "/>", so shapes nested and
// vanished: 75 pixels of a card, under the baselines' 1 % tolerance). So each state is drawn from
// both builds in the same run and the pictures must be the same, pixel for pixel. Every icon, in
// English and German (the language file beside the drop-in).
for (const [lang, names] of [
  ['en', ['ready-default', 'restricted', 'success', 'final-error', 'cancelled']],
  ['de', ['ready-after-hybrid', 'already-registered']],
] as const) {
  test(`${lang}: the built drop-in draws what the sources draw (${names.join(', ')}; 375 px light, 1280 px dark)`, async ({ context }) => {
    for (const name of names) {
      const shots: Record<string, Buffer[]> = {};
      for (const build of ['source', 'drop-in'] as const) {
        const page = await context.newPage(); // its own clock and authenticator
        if (build === 'drop-in') await useDropIn(page);
        await STATES[name]!(page, lang);
        const defined = await page.evaluate(() => typeof customElements.get('corbado-append'));
        expect(defined, `${build} defined the element`).toBe('function');
        await page.mouse.move(0, 0);
        shots[build] = [];
        for (const [width, colorScheme] of [
          [375, 'light'],
          [1280, 'dark'],
        ] as const) {
          await page.setViewportSize({ width, height: 900 });
          await page.emulateMedia({ colorScheme });
          shots[build].push(await el(page).screenshot({ animations: 'disabled', caret: 'hide' }));
        }
        await page.close();
      }
      shots['drop-in']!.forEach((shot, i) => {
        const what = `${name}, ${i ? '1280 px dark' : '375 px light'}: the drop-in's picture differs from the sources'`;
        if (!shot.equals(shots.source![i]!)) {
          void test.info().attach(`${name}-${i}-source.png`, { body: shots.source![i]!, contentType: 'image/png' });
          void test.info().attach(`${name}-${i}-drop-in.png`, { body: shot, contentType: 'image/png' });
        }
        expect(shot.equals(shots.source![i]!), what).toBe(true);
      });
    }
  });
}

/** The card's and the primary button's size, in CSS px. */
const boxes = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('corbado-append')!.shadowRoot!;
    const size = (sel: string) => {
      const r = root.querySelector(sel)!.getBoundingClientRect();
      return { width: r.width, height: r.height };
    };
    return { card: size('[part="container"]'), button: size('[part~="primary-button"]') };
  });

for (const lang of LANGS) {
  test(`${lang}: no layout shift across ready, creating, finishing and the cancel notice (375 and 1280 px)`, async ({ context }) => {
    const seen: Record<string, Record<number, Awaited<ReturnType<typeof boxes>>>> = {};
    for (const name of ['ready-default', 'creating', 'finishing', 'cancelled']) {
      const page = await context.newPage(); // its own clock and authenticator
      await STATES[name]!(page, lang);
      seen[name] = {};
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        seen[name][width] = await boxes(page);
      }
      await page.close();
    }
    for (const width of WIDTHS) {
      const ready = seen['ready-default']![width]!;
      for (const [name, at] of Object.entries(seen)) {
        const b = at[width]!;
        const what = `${name} at ${width} px: ${JSON.stringify(b)} vs ready ${JSON.stringify(ready)}`;
        expect(Math.abs(b.card.width - ready.card.width), what).toBeLessThanOrEqual(2);
        expect(Math.abs(b.card.height - ready.card.height), what).toBeLessThanOrEqual(2);
        expect(Math.abs(b.button.width - ready.button.width), what).toBeLessThanOrEqual(2);
        expect(Math.abs(b.button.height - ready.button.height), what).toBeLessThanOrEqual(2);
      }
    }
  });
}

/** README's pictures (docs/states/) are copies of these baselines: they show what the tests hold. */
const DOCS: Record<string, string> = {
  ready: 'en-ready-default-375-light',
  creating: 'en-creating-375-light',
  cancelled: 'en-cancelled-375-light',
  success: 'en-success-375-light',
  'final-error': 'en-final-error-375-light',
  restricted: 'en-restricted-375-light',
  'ready-dark': 'en-ready-default-1280-dark',
  'success-dark': 'en-success-1280-dark',
  'de-after-hybrid': 'de-ready-after-hybrid-375-light',
  'already-registered-dark': 'en-already-registered-375-dark',
};

test("README's pictures are the current baselines (copy them after --update-snapshots)", () => {
  for (const [picture, baseline] of Object.entries(DOCS)) {
    const doc = readFileSync(new URL(`../../docs/states/${picture}.png`, import.meta.url));
    const base = readFileSync(new URL(`./visual.spec.ts-snapshots/${baseline}-linux.png`, import.meta.url));
    expect(doc.equals(base), `docs/states/${picture}.png differs from ${baseline}-linux.png`).toBe(true);
  }
});
