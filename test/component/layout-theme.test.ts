/**
 * Right-to-left layout and theming of `<corbado-append>` (computed styles in real Chromium):
 * in `dir="rtl"` the actions are mirrored; `--cb-color-*` set by the page colour the element;
 * `theme="dark"` (and `prefers-color-scheme: dark` with `theme="auto"`) switch the palette.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { uniqueProjectId } from '../helpers/emulator.js';
import { mountAppend, type Mounted } from '../helpers/element.js';
import * as authn from '../helpers/webauthn.js';

const LIGHT_PRIMARY = 'rgb(25, 83, 255)'; // #1953ff
const DARK_PRIMARY = 'rgb(143, 168, 255)'; // #8fa8ff

const bg = (el: Element) => getComputedStyle(el).backgroundColor;
const box = (el: Element) => el.getBoundingClientRect();

describe('<corbado-append> layout and theming', () => {
  let m: Mounted | undefined;
  let wrapper: HTMLElement;

  beforeEach(async () => {
    await authn.addAuthenticator();
    wrapper = document.createElement('div');
    wrapper.style.inlineSize = '600px';
    document.body.append(wrapper);
  });
  afterEach(async () => {
    m?.remove();
    m = undefined;
    wrapper.remove();
    await emulateMedia({ colorScheme: 'light' });
    await authn.clearAuthenticators();
  });

  async function ready(attrs: Record<string, string> = {}): Promise<Mounted> {
    m = mountAppend(uniqueProjectId(), { parent: wrapper, attrs });
    await m.state('ready');
    return m;
  }

  it('lays the actions out left to right in dir="ltr"', async () => {
    wrapper.dir = 'ltr';
    const { part } = await ready();
    const primary = box(part('primary-button')!);
    const skip = box(part('skip-button')!);
    expect(Math.abs(primary.top - skip.top)).to.be.lessThan(2); // one row
    expect(primary.left).to.be.lessThan(skip.left);
  });

  it('mirrors the actions in dir="rtl": the primary button is right of skip', async () => {
    wrapper.dir = 'rtl';
    const { part, el } = await ready();
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
    wrapper.style.setProperty('--cb-color-primary', 'rgb(200, 10, 90)');
    wrapper.style.setProperty('--cb-color-on-primary', 'rgb(1, 2, 3)');
    wrapper.style.setProperty('--cb-border-radius', '3px');
    const { part, el } = await ready();
    const primary = part('primary-button')!;
    expect(bg(primary)).to.equal('rgb(200, 10, 90)');
    expect(getComputedStyle(primary).color).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(primary).borderTopLeftRadius).to.equal('3px');
    el.theme = 'dark';
    await el.updateComplete;
    expect(bg(primary)).to.equal('rgb(200, 10, 90)');
  });
});
