/**
 * Layout and theming of `<corbado-append>` (computed styles in real Chromium): the card's width
 * cap, the full-width primary button, the quiet secondary actions aligned with the text, mirrored
 * in `dir="rtl"`; `--cb-color-*` set by the page colour the element;
 * `theme="dark"` (and `prefers-color-scheme: dark` with `theme="auto"`) switch the palette.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '../helpers/engine.js';
import { onCleanup } from '../helpers/cleanup.js';
import { appendFixture, type AppendFixture } from '../helpers/fixture.js';

const LIGHT_PRIMARY = 'rgb(25, 83, 255)'; // #1953ff
const DARK_PRIMARY = 'rgb(143, 168, 255)'; // #8fa8ff

const bg = (el: Element) => getComputedStyle(el).backgroundColor;
const box = (el: Element) => el.getBoundingClientRect();

/** A 600 px wide wrapper, set up by `style` before the element mounts in it and waits for ready. */
async function ready(attrs: Record<string, string> = {}, style: (wrapper: HTMLElement) => void = () => {}): Promise<AppendFixture> {
  const wrapper = document.createElement('div');
  wrapper.style.inlineSize = '600px';
  style(wrapper);
  document.body.append(wrapper);
  onCleanup(() => wrapper.remove());
  const m = await appendFixture({ parent: wrapper, attrs });
  await m.state('ready');
  return m;
}

describe('<corbado-append> layout and theming', () => {
  /** The content box of the card, and where the text of a quiet button starts and ends (its padding aside). */
  function edges(m: AppendFixture) {
    const container = m.part('container')!;
    const cs = getComputedStyle(container);
    const c = box(container);
    const text = (name: string) => {
      const b = box(m.part(name)!);
      const pad = parseFloat(getComputedStyle(m.part(name)!).paddingInlineStart);
      return { left: b.left + pad, right: b.right - pad, top: b.top };
    };
    return {
      left: c.left + 1 + parseFloat(cs.paddingLeft),
      right: c.right - 1 - parseFloat(cs.paddingRight),
      primary: box(m.part('primary-button')!),
      skip: text('skip-button'),
      more: text('learn-more-button'),
    };
  }

  it('dir="ltr": the primary button spans the card; "Not now" and "Learn more" below it, aligned with the text edges', async () => {
    const m = await ready({}, (w) => (w.dir = 'ltr'));
    const e = edges(m);
    expect(Math.abs(e.primary.left - e.left)).to.be.lessThan(2);
    expect(Math.abs(e.primary.right - e.right)).to.be.lessThan(2);
    expect(e.skip.top).to.be.greaterThan(e.primary.bottom);
    expect(Math.abs(e.skip.top - e.more.top)).to.be.lessThan(2); // one row
    // The buttons' text lines up with the text above (no padding offset): start and end.
    expect(Math.abs(e.skip.left - e.left)).to.be.lessThan(2);
    expect(Math.abs(e.more.right - e.right)).to.be.lessThan(2);
  });

  it('dir="rtl": mirrored — "Not now" at the right (inline-start) edge, "Learn more" at the left', async () => {
    const m = await ready({}, (w) => (w.dir = 'rtl'));
    expect(getComputedStyle(m.el).direction).to.equal('rtl');
    const e = edges(m);
    expect(Math.abs(e.primary.left - e.left)).to.be.lessThan(2);
    expect(Math.abs(e.skip.right - e.right)).to.be.lessThan(2);
    expect(Math.abs(e.more.left - e.left)).to.be.lessThan(2);
    expect(Math.abs(e.skip.top - e.more.top)).to.be.lessThan(2);
  });

  it('the card is at most 30rem wide in a wide container and fills a narrow one', async () => {
    const wide = await ready({}, (w) => (w.style.inlineSize = '1200px'));
    expect(box(wide.part('container')!).width).to.equal(30 * parseFloat(getComputedStyle(document.documentElement).fontSize));
    wide.remove();
    const narrow = await ready({}, (w) => (w.style.inlineSize = '300px'));
    expect(box(narrow.part('container')!).width).to.equal(300);
    expect(box(narrow.part('primary-button')!).width).to.be.greaterThan(240);
  });

  it('uses the default palette, switched by theme="dark" and back by theme="light"', async () => {
    const { part, el } = await ready({ theme: 'light' });
    expect(bg(part('primary-button')!)).to.equal(LIGHT_PRIMARY);
    const lightSurface = bg(part('container')!);
    el.theme = 'dark';
    await el.updateComplete;
    expect(bg(part('primary-button')!)).to.equal(DARK_PRIMARY);
    expect(bg(part('container')!)).to.not.equal(lightSurface);
    el.theme = 'light';
    await el.updateComplete;
    expect(bg(part('primary-button')!)).to.equal(LIGHT_PRIMARY);
  });

  it('theme="auto" follows prefers-color-scheme', async () => {
    const { part } = await ready();
    expect(bg(part('primary-button')!)).to.equal(LIGHT_PRIMARY);
    await emulateMedia({ colorScheme: 'dark' });
    expect(bg(part('primary-button')!)).to.equal(DARK_PRIMARY);
  });

  it('--cb-color-* set on the page colour the element, in light and dark', async () => {
    const { part, el } = await ready({}, (w) => {
      w.style.setProperty('--cb-color-primary', 'rgb(200, 10, 90)');
      w.style.setProperty('--cb-color-on-primary', 'rgb(1, 2, 3)');
      w.style.setProperty('--cb-border-radius', '3px');
    });
    const primary = part('primary-button')!;
    expect(bg(primary)).to.equal('rgb(200, 10, 90)');
    expect(getComputedStyle(primary).color).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(primary).borderTopLeftRadius).to.equal('3px');
    el.theme = 'dark';
    await el.updateComplete;
    expect(bg(primary)).to.equal('rgb(200, 10, 90)');
  });
});
