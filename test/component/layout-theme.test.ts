/**
 * Right-to-left layout and theming of `<corbado-append>` (computed styles in real Chromium):
 * in `dir="rtl"` the actions are mirrored; `--cb-color-*` set by the page colour the element;
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
  it('lays the actions out left to right in dir="ltr"', async () => {
    const { part } = await ready({}, (w) => (w.dir = 'ltr'));
    const primary = box(part('primary-button')!);
    const skip = box(part('skip-button')!);
    expect(Math.abs(primary.top - skip.top)).to.be.lessThan(2); // one row
    expect(primary.left).to.be.lessThan(skip.left);
  });

  it('mirrors the actions in dir="rtl": the primary button is right of skip', async () => {
    const { part, el } = await ready({}, (w) => (w.dir = 'rtl'));
    const container = box(part('container')!);
    const primary = box(part('primary-button')!);
    const skip = box(part('skip-button')!);
    expect(getComputedStyle(el).direction).to.equal('rtl');
    expect(Math.abs(primary.top - skip.top)).to.be.lessThan(2);
    expect(primary.left).to.be.greaterThan(skip.left);
    // The first action starts at the inline-start (right) edge of the card's content box.
    const padding = parseFloat(getComputedStyle(part('container')!).paddingInlineStart);
    expect(Math.abs(container.right - padding - 1 - primary.right)).to.be.lessThan(2);
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
