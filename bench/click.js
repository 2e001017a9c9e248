/**
 * Click → navigator.credentials.create on the built drop-in page (offer-drop-in.html, bench/static.js), with a CDP virtual authenticator
 * attached before the page loads (never a click without one). bench/pages/hooks.js wraps
 * `CredentialsContainer.prototype.create` and records, at the call: `navigator.userActivation
 * .isActive`; the time since the click event's `timeStamp` (same clock; that is when the input
 * event was made, so it includes routing it to the renderer) and since the first click listener
 * ran (the page's own share); and whether the click's task was still running (a MessageChannel
 * message posted by the first click listener had not been handled yet). Then the bench waits
 * for `corbado-append-complete` (the passkey was made).
 */
import { addVirtualAuthenticator, newPage } from './browser.js';
import { withDeadline } from './stats.js';

/**
 * @typedef {object} ClickSample one click on the offer's button
 * @property {number} delayMs click event created → create() called
 * @property {number} inPageMs first click listener → create() called
 * @property {boolean} userActivation `navigator.userActivation.isActive` at create()
 * @property {boolean} sameTask create() ran in the click's task
 * @property {boolean} trustedClick
 * @property {string} status `corbado-append-complete`'s `detail.status`
 */

/**
 * @param {import('@playwright/test').Browser} browser
 * @param {string} pageUrl the page with the element, without query
 * @param {{clicks: number, runId: string, log: (s: string) => void}} o
 */
export async function measureClick(browser, pageUrl, { clicks, runId, log }) {
  /** @type {ClickSample[]} */
  const samples = [];
  for (let i = 0; i < clicks; i++) {
    const { page, close } = await newPage(browser, { marks: true, ceremony: true });
    try {
      const authenticator = await addVirtualAuthenticator(page);
      await page.goto(`${pageUrl}?projectId=bench-${runId}-click-${i}`);
      await withDeadline(
        page.evaluate(() => window.__bench.when('corbado-append-ready')),
        30_000,
        'ready',
      );
      await page.locator('corbado-append [part~="primary-button"]').click();
      const { creates, complete } = await withDeadline(
        page.evaluate(async () => {
          const b = window.__bench;
          const complete = await b.when('corbado-append-complete');
          return { creates: b.creates, complete: /** @type {{status: string}} */ (complete.detail) };
        }),
        30_000,
        'corbado-append-complete after the click',
      );
      await authenticator.remove();
      const modal = creates.filter((c) => !c.conditional);
      const [c] = modal;
      if (modal.length !== 1 || !c?.click) throw new Error(`bench: expected one create() after the click, saw ${JSON.stringify(creates)}`);
      samples.push({
        delayMs: c.click.delayMs,
        inPageMs: c.click.inPageMs,
        userActivation: c.userActivation === true,
        sameTask: c.click.sameTask === true,
        trustedClick: c.click.isTrusted === true,
        status: complete.status,
      });
    } finally {
      await close();
    }
  }
  log(`click → create: ${clicks} clicks with a virtual authenticator`);
  return samples;
}
