/**
 * Every text the element shows, in English and German, and which text goes with which state,
 * variant and error code (`TEXT_FOR`). `strings` (element property) overrides any key; `{name}` in
 * `successStoredIn` is replaced by `aaguidDetails.name` (as text, never HTML).
 */
import type { AppendVariant } from '../api/types.js';
import type { CorbadoAppendErrorCode } from '../errors.js';
import type { FlowStateName, Notice } from '../flow/types.js';
import type { EnvironmentLimit } from '../webauthn/environment.js';

export interface AppendStrings {
  defaultTitle: string;
  defaultText: string;
  afterHybridTitle: string;
  afterHybridText: string;
  afterErrorTitle: string;
  afterErrorText: string;
  create: string;
  skip: string;
  learnMore: string;
  back: string;
  learnMoreTitle: string;
  learnMoreText: string;
  restrictedHint: string;
  inAppHint: string;
  frameHint: string;
  noPlatformHint: string;
  loading: string;
  creating: string;
  finishing: string;
  finishSlow: string;
  cancelled: string;
  timeout: string;
  expired: string;
  error: string;
  security: string;
  finishFailed: string;
  finishUnknown: string;
  unsupportedFinal: string;
  expiredFinal: string;
  errorFinal: string;
  errorTitle: string;
  continue: string;
  successTitle: string;
  successStoredIn: string;
  successText: string;
  existsTitle: string;
  existsText: string;
}

export const en: AppendStrings = {
  defaultTitle: 'Sign in faster with a passkey',
  defaultText: 'Faster, safer sign-in: use your fingerprint, face or screen lock instead of a password.',
  afterHybridTitle: 'Create a passkey on this device',
  afterHybridText: 'You just signed in with your phone. Create a passkey here to sign in directly on this device next time.',
  afterErrorTitle: 'Let’s try that again',
  afterErrorText: 'Setting up your passkey did not work last time. It only takes a moment.',
  create: 'Create passkey',
  skip: 'Not now',
  learnMore: 'Learn more',
  back: 'Back',
  learnMoreTitle: 'What is a passkey?',
  learnMoreText:
    'A passkey replaces your password. Your device’s password manager (e.g. iCloud Keychain, Google Password Manager, Windows Hello) keeps it and unlocks it with your fingerprint, face or screen lock. It cannot be phished.',
  restrictedHint: 'This browser may not save passkeys reliably; your device’s default browser works best.',
  inAppHint: 'This app’s built-in browser may not save passkeys. Open this page in Safari or Chrome to be sure.',
  frameHint: 'Passkeys cannot be created inside this embedded page. Open it in its own tab.',
  noPlatformHint: 'You can save the passkey on your phone or a security key.',
  loading: 'Loading…',
  creating: 'Follow the prompt of your browser…',
  finishing: 'Saving your passkey…',
  finishSlow: 'Still saving your passkey. You can continue; it will finish in the background.',
  cancelled: 'Passkey creation was cancelled. You can try again.',
  timeout: 'That took too long. Please try again.',
  expired: 'The offer timed out. Please try again.',
  error: 'Something went wrong. Please try again.',
  security: 'Passkeys cannot be created on this site right now.',
  finishFailed: 'Your passkey could not be saved. Continue without it; you can add one later.',
  finishUnknown: 'We could not confirm your passkey. It may work next time; if not, you can add one later.',
  unsupportedFinal: 'Passkeys cannot be created in this browser. You can add one later in another browser.',
  expiredFinal: 'This offer has expired. You can add a passkey later.',
  errorFinal: 'Something went wrong. You can add a passkey later.',
  errorTitle: 'No passkey this time',
  continue: 'Continue',
  successTitle: 'Passkey created',
  successStoredIn: 'Your passkey is saved in {name}.',
  successText: 'Next time, sign in with your passkey.',
  existsTitle: 'You already have a passkey',
  existsText: 'A passkey for this account is already on this device.',
};

export const de: AppendStrings = {
  defaultTitle: 'Schneller anmelden mit einem Passkey',
  defaultText: 'Schneller und sicherer anmelden: mit Fingerabdruck, Gesicht oder Bildschirmsperre statt Passwort.',
  afterHybridTitle: 'Passkey auf diesem Gerät erstellen',
  afterHybridText:
    'Sie haben sich gerade mit Ihrem Smartphone angemeldet. Mit einem Passkey hier melden Sie sich künftig direkt auf diesem Gerät an.',
  afterErrorTitle: 'Versuchen wir es noch einmal',
  afterErrorText: 'Beim letzten Mal hat das Einrichten Ihres Passkeys nicht geklappt. Es dauert nur einen Moment.',
  create: 'Passkey erstellen',
  skip: 'Nicht jetzt',
  learnMore: 'Mehr erfahren',
  back: 'Zurück',
  learnMoreTitle: 'Was ist ein Passkey?',
  learnMoreText:
    'Ein Passkey ersetzt Ihr Passwort. Der Passwortmanager Ihres Geräts (z. B. iCloud-Schlüsselbund, Google Passwortmanager, Windows Hello) verwahrt ihn und entsperrt ihn mit Fingerabdruck, Gesicht oder Bildschirmsperre. Er kann nicht abgefischt werden.',
  restrictedHint: 'Dieser Browser speichert Passkeys womöglich nicht zuverlässig. Der Standardbrowser Ihres Geräts eignet sich am besten.',
  inAppHint:
    'Der eingebaute Browser dieser App speichert Passkeys womöglich nicht. Öffnen Sie die Seite sicherheitshalber in Safari oder Chrome.',
  frameHint: 'In dieser eingebetteten Seite können keine Passkeys erstellt werden. Öffnen Sie sie in einem eigenen Tab.',
  noPlatformHint: 'Sie können den Passkey auf Ihrem Smartphone oder einem Sicherheitsschlüssel speichern.',
  loading: 'Wird geladen…',
  creating: 'Folgen Sie der Anzeige Ihres Browsers…',
  finishing: 'Ihr Passkey wird gespeichert…',
  finishSlow: 'Ihr Passkey wird noch gespeichert. Sie können weitermachen; das Speichern läuft im Hintergrund weiter.',
  cancelled: 'Das Erstellen des Passkeys wurde abgebrochen. Sie können es erneut versuchen.',
  timeout: 'Das hat zu lange gedauert. Bitte versuchen Sie es erneut.',
  expired: 'Das Angebot ist abgelaufen. Bitte versuchen Sie es erneut.',
  error: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  security: 'Auf dieser Seite können gerade keine Passkeys erstellt werden.',
  finishFailed: 'Ihr Passkey konnte nicht gespeichert werden. Fahren Sie ohne fort; Sie können später einen hinzufügen.',
  finishUnknown:
    'Wir konnten Ihren Passkey nicht bestätigen. Vielleicht funktioniert er beim nächsten Mal; sonst können Sie später einen hinzufügen.',
  unsupportedFinal: 'In diesem Browser können keine Passkeys erstellt werden. Sie können später in einem anderen Browser einen hinzufügen.',
  expiredFinal: 'Dieses Angebot ist abgelaufen. Sie können später einen Passkey hinzufügen.',
  errorFinal: 'Etwas ist schiefgelaufen. Sie können später einen Passkey hinzufügen.',
  errorTitle: 'Diesmal kein Passkey',
  continue: 'Weiter',
  successTitle: 'Passkey erstellt',
  successStoredIn: 'Ihr Passkey ist in {name} gespeichert.',
  successText: 'Melden Sie sich beim nächsten Mal mit Ihrem Passkey an.',
  existsTitle: 'Sie haben bereits einen Passkey',
  existsText: 'Ein Passkey für dieses Konto ist bereits auf diesem Gerät.',
};

type Key = keyof AppendStrings;

/** Which text goes with what the element shows: the one table of it. */
export const TEXT_FOR = {
  /** Heading and text of the offer, per `connectAppendStartRsp.variant`. */
  variant: {
    default: ['defaultTitle', 'defaultText'],
    'after-hybrid': ['afterHybridTitle', 'afterHybridText'],
    'after-error': ['afterErrorTitle', 'afterErrorText'],
  } satisfies Record<AppendVariant, [Key, Key]>,
  /** The live region while the flow is busy. */
  progress: { loading: 'loading', renewing: 'loading', creating: 'creating', finishing: 'finishing' } satisfies Partial<
    Record<FlowStateName, Key>
  >,
  /** The hint beside the offer, per `EnvironmentLimit`; `restrictedHint` for the server's `isRestrictedBrowser`. */
  hint: { 'in-app-browser': 'inAppHint', 'frame-permission': 'frameHint', 'no-platform-authenticator': 'noPlatformHint' } satisfies Record<
    EnvironmentLimit,
    Key
  >,
  /** The alert beside the offer after a recoverable failure. */
  notice: {
    'ceremony-cancelled': 'cancelled',
    'ceremony-failed': 'error',
    'ceremony-timeout': 'timeout',
    expired: 'expired',
  } satisfies Record<Notice, Key>,
  /** The alert of the final error, per code; `errorFinal` for any other code. */
  final: {
    'finish-failed': 'finishFailed',
    'security-error': 'security',
    expired: 'expiredFinal',
    unsupported: 'unsupportedFinal',
  } satisfies Partial<Record<CorbadoAppendErrorCode, Key>>,
} as const;

/** The text key of a final error; `maybeStored`: a finish without a definitive answer. */
export const finalText = (code: CorbadoAppendErrorCode, maybeStored?: boolean): Key =>
  maybeStored ? 'finishUnknown' : ((TEXT_FOR.final as Partial<Record<CorbadoAppendErrorCode, Key>>)[code] ?? 'errorFinal');

const catalogs: Record<string, AppendStrings> = { en, de };

/** The catalogue for a BCP 47 tag (`de-AT` → German); English for anything else. */
export function stringsFor(lang: string | undefined | null): AppendStrings {
  const base = (lang ?? '').toLowerCase().split('-')[0] ?? '';
  return catalogs[base] ?? en;
}
