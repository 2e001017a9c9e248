import { LitElement, nothing, type PropertyDeclarations } from 'lit';
import {
  APPEND_CONFIG_KEYS,
  APPEND_EVENTS,
  APPEND_PROPERTIES,
  type AppendConfig,
  type AppendEventDetailMap,
  type AppendProperties,
  type AppendState,
} from '../contract.js';
import { AppendController, type AppendHost } from '../flow/controller.js';
import { browserPorts } from '../flow/ports.js';
import { PUBLIC_STATE, type FocusTarget } from '../flow/types.js';
import { focusAfter } from './focus.js';
import type { AppendStrings } from '../strings.js';
import { addLocale, onLocale, stringsFor } from './messages.js';
import { styles } from './corbado-append.styles.js';
import { errorCard, offerCard, successCard, type Handlers } from './corbado-append.templates.js';

/** The page's callback for each element event (Corbado's `CorbadoConnectAppend` signatures). */
const CALLBACKS: { [K in keyof AppendEventDetailMap]?: (el: CorbadoAppend, detail: AppendEventDetailMap[K]) => void } = {
  'corbado-append-complete': (el, d) => el.onComplete?.(d.status, d.clientState),
  'corbado-append-skip': (el, d) => el.onSkip?.(d.status),
  'corbado-append-error': (el, d) => el.onError?.(d.code),
};

// Its events, properties and attributes are defined once, in contract.ts: the properties' types
// merge in here, `APPEND_PROPERTIES` declares them to Lit below, and custom-elements.json lists
// all of them from there (custom-elements-manifest.config.mjs).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface CorbadoAppend extends AppendProperties {}

/**
 * `<corbado-append>` offers a passkey right after sign-in, as the Corbado Connect Frontend API
 * decides (`/v2/connect/append/init`, `/start`, `/finish`), runs the WebAuthn ceremony and
 * hands the result back. Configuration is read when the element is connected (a microtask later,
 * so properties set right after `append()` count); later changes of its configuration do not
 * restart the flow (`theme` and `strings` apply at once, `lang` with the next render). Moving it
 * within the page keeps its flow, removing it ends the flow (but a finish, which goes on),
 * re-adding starts a new one with the configuration of that moment.
 * Events are `CustomEvent`s that bubble and are composed, typed in `HTMLElementEventMap`.
 *
 * @attr {string} lang - Language: `en` (built in), `de`, `fr`, `es`, `it`, `nl`, `pt`, `pl`, `ja` (each loaded from `locales/<lang>.js` beside the element's file, README "Languages"); without it the closest ancestor's `lang`, else the browser's.
 *
 *
 * @csspart container - the card around everything (at most `--cb-max-width` wide)
 * @csspart icon - the round badge above the heading: passkey, check mark (success), exclamation mark (final error)
 * @csspart title - the heading
 * @csspart description - the text under the heading
 * @csspart primary-button - the "Create passkey" `<button>` (progress inside: spinner and label)
 * @csspart skip-button - "Not now"; "Continue" while a slow finish goes on, and (as a full-width button) after a final error
 * @csspart learn-more-button - opens (and closes) the explanation
 * @csspart continue-button - Continue on the success card (fires `corbado-append-continue`); `::part(continue-button) { display: none }` hides it for pages that navigate on complete
 * @csspart provider-icon - the passkey provider's icon on success (`aaguidDetails.iconLight`/`iconDark`, `data:` PNG/SVG/WebP only)
 * @csspart message - live region: progress (read out, not shown), the cancel or error notice in place of the text, the final error
 * @csspart hint - the hint of a restricted browser or a known limit (in-app browser, frame, no platform authenticator)
 * @csspart spinner - progress indicator inside the primary button
 *
 * @cssprop --cb-color-primary - primary button background
 * @cssprop --cb-color-on-primary - primary button text
 * @cssprop --cb-color-secondary - secondary buttons text
 * @cssprop --cb-color-surface - card background
 * @cssprop --cb-color-on-surface - text
 * @cssprop --cb-color-on-surface-variant - secondary text
 * @cssprop --cb-color-error - error text
 * @cssprop --cb-color-success - success text
 * @cssprop --cb-color-outline - card border
 * @cssprop --cb-color-hint - hint background
 * @cssprop --cb-border-radius - card corner radius (buttons: 3/4 of it)
 * @cssprop --cb-font-family - font
 * @cssprop --cb-max-width - widest the card gets (default `30rem`)
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class CorbadoAppend extends LitElement implements AppendHost {
  static override styles = styles;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties: PropertyDeclarations = {
    ...APPEND_PROPERTIES,
    view: { state: true },
    localesAdded: { state: true },
  };

  /** Offer or explanation ("Learn more", one button toggles it in place). */
  declare private view: 'offer' | 'learn-more';
  /** How many languages were added while connected: a language file arriving re-renders with its texts. */
  declare private localesAdded: number;

  constructor() {
    super();
    this.forcePasskeyAppend = false;
    this.earlyToken = false;
    this.theme = 'auto';
    this.view = 'offer';
    this.localesAdded = 0;
  }

  /**
   * Adds (or replaces) a language by BCP 47 tag (`sv`, `pt-br`); keys it lacks fall back to
   * English. The shipped language files call this themselves (README "Languages").
   */
  static addLocale(lang: string, strings: Partial<AppendStrings>): void {
    addLocale(lang, strings);
  }

  private readonly controller = new AppendController(this, browserPorts);
  private unsubscribe?: () => void;

  /** Where the flow is: `idle`, `loading`, `ready`, `creating`, `finishing`, `success`, `error` or `skipped`; reflected as the `state` attribute. */
  get state(): AppendState {
    return PUBLIC_STATE[this.controller.state.name];
  }

  /** @internal read by the flow controller when a flow begins (and for each token, its `appendTokenProvider`) */
  get appendConfig(): AppendConfig {
    return Object.fromEntries(APPEND_CONFIG_KEYS.map((key) => [key, this[key]]));
  }

  /**
   * @internal The one way out: dispatches the event (bubbles, composed; skip and continue are
   * cancelable) and calls the matching callback; `corbado-append-state` also reflects the `state`
   * attribute. Nothing is fired once removed. Returns false when the page prevented the default.
   */
  emit<K extends keyof AppendEventDetailMap>(type: K, detail: AppendEventDetailMap[K]): boolean {
    if (type === 'corbado-append-state') {
      const { state } = detail as AppendEventDetailMap['corbado-append-state'];
      if (state === 'idle') this.removeAttribute('state');
      else this.setAttribute('state', state);
    }
    if (!this.isConnected) return true;
    const event = new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: APPEND_EVENTS[type].cancelable });
    const proceed = this.dispatchEvent(event);
    try {
      CALLBACKS[type]?.(this, detail);
    } catch (e) {
      queueMicrotask(() => {
        throw e; // a throwing callback is the page's bug: report it, keep our flow going
      });
    }
    return proceed;
  }

  /** @internal */
  holdsFocus(): boolean {
    return this.matches(':focus-within');
  }

  /** @internal Where the flow puts focus (README "Continue and focus"), once this move is rendered. */
  moveFocus(to: FocusTarget): void {
    void this.updateComplete.then(() => {
      if (to === 'after') return void focusAfter(this);
      // Only when focus is in the element (in a page's shadow root too) or nowhere: a user typing
      // elsewhere on the page (a conditional create or the autoAppend ceremony ended meanwhile) keeps it.
      if (!this.holdsFocus() && ![document.body, null].includes(document.activeElement as never)) return;
      this.shadowRoot?.querySelector<HTMLElement>(`[part=${to}]`)?.focus();
    });
  }

  /** The language: own `lang`, else the closest ancestor's, else the browser's. */
  private get language(): string {
    return this.lang || this.closest('[lang]')?.getAttribute('lang') || navigator.language;
  }

  private get t(): AppendStrings {
    return { ...stringsFor(this.language), ...this.strings };
  }

  override render() {
    const s = this.controller.state;
    if (s.name === 'idle' || s.name === 'loading' || s.name === 'skipped') return nothing;
    if (s.name === 'success') return s.dismissed ? nothing : successCard(this.t, s, this.on);
    if (s.name === 'error') return errorCard(this.t, s, this.on);
    return offerCard(this.t, s, this.view === 'learn-more', this.on);
  }

  private readonly on: Handlers = {
    // Synchronous all the way to navigator.credentials.create(): the click's user activation holds.
    create: () => this.controller.click(),
    skip: () => this.controller.skip(),
    // One button toggles the explanation in place (the same node, so keyboard focus stays on it).
    toggleLearnMore: () => {
      this.view = this.view === 'offer' ? 'learn-more' : 'offer';
      if (this.view === 'learn-more') this.controller.learnMore();
    },
    continue: () => this.controller.dismiss(),
  };

  override connectedCallback(): void {
    // A fresh flow (first connect, or re-added after a removal): start from the offer view.
    if (this.controller.state.name === 'idle') this.view = 'offer';
    super.connectedCallback();
    // A language file arriving re-renders; asking for the texts now starts loading it.
    this.unsubscribe = onLocale(() => (this.localesAdded += 1));
    void this.t;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'corbado-append': CorbadoAppend;
  }
}
