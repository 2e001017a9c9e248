/**
 * Which text goes with which state, variant and error code (`TEXT_FOR`, the one table of it), and
 * the languages: English built in (src/strings.ts, whose keys are public). Other languages are separate files
 * (`locales/*.ts`, built to `locales/<lang>.js` beside the element) that register themselves with
 * `addLocale()`; `strings` (element property) overrides any key. `{name}` in `successStoredIn` is
 * replaced by `aaguidDetails.name` (as text, never HTML).
 */
import type { AppendVariant } from '../api/types.js';
import type { CorbadoAppendErrorCode } from '../errors.js';
import type { FlowStateName, Notice } from '../flow/types.js';
import type { EnvironmentLimit } from '../webauthn/environment.js';
import { en, type AppendStrings } from '../strings.js';
import { loadLocale } from './locale-loader.js';

type Key = keyof AppendStrings;
type Final = [title: Key, text: Key];

/** Which text goes with what the element shows: the one table of it. */
export const TEXT_FOR = {
  /** Heading and text of the offer, per `connectAppendStartRsp.variant`. */
  variant: {
    default: ['defaultTitle', 'defaultText'],
    'after-hybrid': ['afterHybridTitle', 'afterHybridText'],
    'after-error': ['afterErrorTitle', 'afterErrorText'],
  } satisfies Record<AppendVariant, [Key, Key]>,
  /** The live region while the flow is busy (`ready` while it refreshes: `loading`). */
  progress: { ready: 'loading', renewing: 'loading', creating: 'creating', finishing: 'finishing' } satisfies Partial<
    Record<FlowStateName, Key>
  >,
  /** The primary button's label per state (busy: with the spinner). */
  label: { ready: 'loadingLabel', renewing: 'loadingLabel', creating: 'creatingLabel', finishing: 'finishingLabel' } satisfies Partial<
    Record<FlowStateName, Key>
  >,
  /** The hint beside the offer, per `EnvironmentLimit`; `restrictedHint` for the server's `isRestrictedBrowser`. */
  hint: { 'in-app-browser': 'inAppHint', 'frame-permission': 'frameHint', 'no-platform-authenticator': 'noPlatformHint' } satisfies Record<
    EnvironmentLimit,
    Key
  >,
  /** The notice in place of the offer's text after a recoverable failure. */
  notice: {
    'ceremony-cancelled': 'cancelled',
    'ceremony-failed': 'error',
    'ceremony-timeout': 'timeout',
    expired: 'expired',
  } satisfies Record<Notice, Key>,
  /** Heading and text of the final error, per code; `maybeStored` (no definitive answer) and any other code below. */
  final: {
    'finish-failed': ['finishFailedTitle', 'finishFailed'],
    'security-error': ['securityTitle', 'security'],
    expired: ['expiredTitle', 'expiredFinal'],
    unsupported: ['unsupportedTitle', 'unsupportedFinal'],
  } satisfies Partial<Record<CorbadoAppendErrorCode, Final>>,
  maybeStored: ['finishUnknownTitle', 'finishUnknown'] satisfies Final,
  otherFinal: ['errorTitle', 'errorFinal'] satisfies Final,
} as const;

/** Heading and text of a final error; `maybeStored`: a finish without a definitive answer. */
export const finalText = (code: CorbadoAppendErrorCode, maybeStored?: boolean): Final =>
  maybeStored ? TEXT_FOR.maybeStored : ((TEXT_FOR.final as Partial<Record<CorbadoAppendErrorCode, Final>>)[code] ?? TEXT_FOR.otherFinal);

/** The languages shipped as files beside the element (`locales/<lang>.js`); English is built in. */
export const LANGUAGES = ['de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'ja'] as const;

const catalogs = new Map<string, AppendStrings>([['en', en]]);
const listeners = new Set<() => void>();

/**
 * Registers (or replaces) the texts of a language, by BCP 47 tag (`de`, `pt-br`); keys it lacks
 * fall back to English. Elements showing that language re-render.
 */
export function addLocale(lang: string, strings: Partial<AppendStrings>): void {
  catalogs.set(lang.toLowerCase(), { ...en, ...strings });
  listeners.forEach((changed) => changed());
}

/** Calls `changed` whenever a language is added; returns the unsubscribe. */
export function onLocale(changed: () => void): () => void {
  listeners.add(changed);
  return () => listeners.delete(changed);
}

/**
 * The texts for a BCP 47 tag: the exact tag, else its language (`de-AT` → `de`), else English.
 * A shipped language not registered yet is loaded from beside the element (locale-loader.ts);
 * English stands in until it arrives.
 */
export function stringsFor(lang: string | undefined | null): AppendStrings {
  const tag = (lang ?? '').toLowerCase().replace(/_/g, '-');
  const base = tag.split('-')[0] ?? '';
  const found = catalogs.get(tag) ?? catalogs.get(base);
  if (!found && (LANGUAGES as readonly string[]).includes(base)) {
    // A microtask later: a language file the page included before the drop-in registers itself
    // right after the element is defined (customElements.whenDefined), and is then not fetched again.
    queueMicrotask(() => catalogs.has(base) || loadLocale(base, (strings) => addLocale(base, strings)));
  }
  return found ?? en;
}
