/**
 * The element's cards, one per kind of state: the offer (ready, renewing, creating, finishing),
 * success and the final error. Pure templates of the flow's state and the texts; the element
 * (corbado-append.ts) passes its handlers. Which text goes where comes from `TEXT_FOR`.
 *
 * No layout shift across ready → creating → finishing → a notice: the button is as wide as the
 * card and shows progress inside (spinner and a one-line label); the offer's text, a notice and
 * the slow-finish text share one grid cell that is as tall as the tallest of them (all are laid
 * out, the unused ones invisible), and "Not now" keeps its place while it cannot be used.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { PasskeyOperation } from '../api/types.js';
import type { FlowState } from '../flow/types.js';
import { alertIcon, checkIcon, infoIcon, passkeyIcon } from './icons.js';
import type { AppendStrings } from '../strings.js';
import { TEXT_FOR, finalText } from './messages.js';

export type Shown = Extract<FlowState, { name: 'ready' | 'renewing' | 'creating' | 'finishing' }>;

export interface Handlers {
  create: () => void;
  skip: () => void;
  toggleLearnMore: () => void;
  continue: () => void;
}

/** The texts that may take the offer's text place: laid out always, so the cell never grows. */
const IN_PLACE = ['cancelled', 'error', 'timeout', 'expired', 'finishSlow'] as const;

/** Icons only as `data:` images of these types, shown with `<img>` (never as markup). */
const SAFE_ICON = /^data:image\/(?:png|svg\+xml|webp)[;,]/i;
/** Provider names that name no provider: the text then says nothing about where it is saved. */
const GENERIC_NAME = /^(?:passkeys?|passkey manager|password manager|unknown|authenticator|security key|)$/i;

const card = (kind: string, icon: TemplateResult, title: TemplateResult | string, body: TemplateResult, busy = false) =>
  html`<section part="container" class=${kind} aria-labelledby="title" aria-busy=${busy ? 'true' : 'false'}>
    <div part="icon" class="badge">${icon}</div>
    ${title} ${body}
  </section>`;

/** A notice or hint: an icon and its text. */
const boxed = (text: string, icon: TemplateResult) => html`${icon}<span>${text}</span>`;

const heading = (text: string, focusable = false) =>
  focusable ? html`<h2 part="title" id="title" tabindex="-1">${text}</h2>` : html`<h2 part="title" id="title">${text}</h2>`;

/** The offer, in every state that shows it; `learnMore`: the explanation in place of the offer's text. */
export function offerCard(t: AppendStrings, s: Shown, learnMore: boolean, on: Handlers): TemplateResult {
  const [title, text] = learnMore ? (['learnMoreTitle', 'learnMoreText'] as const) : TEXT_FOR.variant[s.offer.start.variant];
  const busy = s.name !== 'ready' || s.refreshing;
  const slow = s.name === 'finishing' && s.slow;
  const notice = s.name === 'finishing' ? undefined : s.notice;
  const shown = notice ? TEXT_FOR.notice[notice] : slow ? 'finishSlow' : undefined;
  const failed = notice !== undefined && notice !== 'ceremony-cancelled';
  const progress = busy && !slow ? t[TEXT_FOR.progress[s.name]] : '';
  const { limit, start } = s.offer;
  const hint = start.isRestrictedBrowser ? 'restrictedHint' : limit && TEXT_FOR.hint[limit];
  const label = busy ? t[TEXT_FOR.label[s.name]] : t.create;
  // "Not now" cannot stop a finish: it keeps its place, unseen, until "Continue" may take it.
  const skipHidden = s.name === 'finishing' && !slow;
  return card(
    'offer',
    passkeyIcon,
    heading(t[title]),
    html`<div class="stack">
        <p part="description" class=${shown ? 'unseen' : ''}>${t[text]}</p>
        <p part="message" class=${shown ? (failed ? 'notice error' : 'notice') : 'sr-only'} role=${notice ? 'alert' : 'status'}>
          ${shown ? boxed(t[shown], failed ? alertIcon : infoIcon) : progress}
        </p>
        ${IN_PLACE.map((k) => html`<p class="notice unseen" aria-hidden="true">${boxed(t[k], infoIcon)}</p>`)}
      </div>
      ${hint ? html`<p part="hint">${boxed(t[hint], infoIcon)}</p>` : nothing}
      <!-- Busy: aria-disabled, not disabled, so keyboard focus stays on it (the flow ignores a click then). -->
      <button part="primary-button" class="primary" type="button" aria-disabled=${busy ? 'true' : 'false'} @click=${on.create}>
        ${busy ? html`<span part="spinner" aria-hidden="true"></span>` : nothing}<span class="label">${label}</span>
      </button>
      <div class="secondary">
        <button part="skip-button" class=${skipHidden ? 'quiet unseen' : 'quiet'} type="button" ?disabled=${skipHidden} @click=${on.skip}>
          ${slow ? t.continue : t.skip}
        </button>
        <button part="learn-more-button" class="quiet" type="button" @click=${on.toggleLearnMore}>
          ${learnMore ? t.back : t.learnMore}
        </button>
      </div>`,
    busy,
  );
}

/** The final error: its own heading and text, and a real button on. */
export function errorCard(t: AppendStrings, s: Extract<FlowState, { name: 'error' }>, on: Handlers): TemplateResult {
  const [title, text] = finalText(s.error.code, s.maybeStored);
  return card(
    'final',
    alertIcon,
    heading(t[title]),
    html`<p part="message" class="text" role="alert">${t[text]}</p>
      <button part="skip-button" class="primary" type="button" @click=${on.skip}>${t.continue}</button>`,
  );
}

/** The provider's icon for this colour scheme: a `data:` PNG, SVG or WebP only, else none. */
function providerIcon(op: PasskeyOperation | undefined): TemplateResult | typeof nothing {
  const details = op?.aaguidDetails;
  const safe = (v: unknown) => (typeof v === 'string' && SAFE_ICON.test(v) ? v : undefined);
  const light = safe(details?.iconLight) ?? safe(details?.iconDark);
  const dark = safe(details?.iconDark) ?? light;
  if (!light || !dark) return nothing;
  // The name is the text right beside it: the image is decorative (alt="").
  const img = (src: string, scheme: string) => html`<img part="provider-icon" class=${scheme} src=${src} alt="" width="20" height="20" />`;
  return html`${img(light, 'for-light')}${img(dark, 'for-dark')}`;
}

const provider = (op: PasskeyOperation | undefined, name: string) =>
  html`<span class="provider">${providerIcon(op)}<bdi>${name}</bdi></span>`;

/** Success: a check mark, where the passkey is kept (known providers only), and Continue. */
export function successCard(t: AppendStrings, s: Extract<FlowState, { name: 'success' }>, on: Handlers): TemplateResult {
  const name = s.passkeyOperation?.aaguidDetails?.name?.trim() ?? '';
  const [before, after] = t.successStoredIn.split('{name}');
  const known = !s.alreadyRegistered && !GENERIC_NAME.test(name) && after !== undefined;
  // The provider's name is the server's text: inserted as text, its direction isolated (<bdi>).
  const text = s.alreadyRegistered ? t.existsText : known ? html`${before}${provider(s.passkeyOperation, name)}${after}` : t.successText;
  return card(
    'done',
    checkIcon,
    heading(s.alreadyRegistered ? t.existsTitle : t.successTitle, true),
    html`<p part="description">${text}</p>
      <button part="continue-button" class="primary" type="button" @click=${on.continue}>${t.continue}</button>`,
  );
}
