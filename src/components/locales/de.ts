/** German (Deutsch). Built to `locales/de.js` beside the element (README "Design and languages"). */
import type { AppendStrings } from '../../strings.js';

export default {
  defaultTitle: 'Künftig mit Passkey anmelden',
  defaultText:
    'Nutzen Sie Fingerabdruck, Gesicht oder Bildschirmsperre statt eines Passworts. Das ist sicherer, und Sie müssen sich nichts merken.',
  afterHybridTitle: 'Hier anmelden, ohne Smartphone',
  afterHybridText:
    'Sie haben sich gerade mit Ihrem Smartphone angemeldet. Erstellen Sie einen Passkey auf diesem Gerät, dann genügt künftig Fingerabdruck, Gesicht oder Bildschirmsperre.',
  afterErrorTitle: 'Versuchen wir es noch einmal',
  afterErrorText:
    'Beim letzten Mal hat das Erstellen Ihres Passkeys nicht geklappt. Mit Fingerabdruck, Gesicht oder Bildschirmsperre dauert es nur einen Moment.',
  create: 'Passkey erstellen',
  skip: 'Nicht jetzt',
  learnMore: 'Mehr erfahren',
  back: 'Zurück',
  learnMoreTitle: 'Was ist ein Passkey?',
  learnMoreText:
    'Ein Passkey ersetzt Ihr Passwort. Der Passwortmanager Ihres Geräts, etwa iCloud-Schlüsselbund, Google Passwortmanager oder Windows Hello, bewahrt ihn auf und entsperrt ihn mit Fingerabdruck, Gesicht oder Bildschirmsperre. Er funktioniert nur auf dieser Website und kann deshalb weder abgefischt noch gestohlen werden.',
  restrictedHint:
    'Dieser Browser speichert Passkeys womöglich nicht zuverlässig. Öffnen Sie die Seite am besten im Standardbrowser Ihres Geräts.',
  inAppHint:
    'Der eingebaute Browser dieser App speichert Passkeys womöglich nicht. Öffnen Sie die Seite sicherheitshalber in Safari oder Chrome.',
  frameHint: 'In dieser eingebetteten Seite lassen sich keine Passkeys erstellen. Öffnen Sie sie in einem eigenen Tab.',
  noPlatformHint: 'Sie können den Passkey auf Ihrem Smartphone oder einem Sicherheitsschlüssel speichern.',
  loadingLabel: 'Einen Moment…',
  creatingLabel: 'Passkey wird erstellt…',
  finishingLabel: 'Wird gespeichert…',
  loading: 'Wird geladen…',
  creating: 'Folgen Sie der Anzeige Ihres Browsers, um den Passkey zu erstellen.',
  finishing: 'Ihr Passkey wird gespeichert…',
  finishSlow: 'Ihr Passkey wird noch gespeichert. Sie können weitermachen, das Speichern läuft im Hintergrund weiter.',
  cancelled: 'Das Erstellen wurde abgebrochen. Versuchen Sie es erneut, wann immer Sie möchten.',
  timeout: 'Ihr Gerät hat nicht rechtzeitig reagiert. Bitte versuchen Sie es erneut.',
  expired: 'Das Angebot ist abgelaufen. Bitte versuchen Sie es erneut.',
  error: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  finishFailedTitle: 'Ihr Passkey wurde nicht gespeichert',
  finishFailed: 'Melden Sie sich weiter wie gewohnt an. Einen Passkey können Sie später in Ihren Kontoeinstellungen hinzufügen.',
  finishUnknownTitle: 'Wir konnten Ihren Passkey nicht bestätigen',
  finishUnknown: 'Vielleicht funktioniert er bei der nächsten Anmeldung. Sonst können Sie später einen hinzufügen.',
  unsupportedTitle: 'In diesem Browser gibt es keine Passkeys',
  unsupportedFinal: 'Sie können später in einem anderen Browser oder auf einem anderen Gerät einen hinzufügen.',
  expiredTitle: 'Dieses Angebot ist abgelaufen',
  expiredFinal: 'Einen Passkey können Sie später in Ihren Kontoeinstellungen hinzufügen.',
  securityTitle: 'Auf dieser Website gibt es gerade keine Passkeys',
  security: 'Melden Sie sich weiter wie gewohnt an. Wir kümmern uns darum.',
  errorTitle: 'Diesmal kein Passkey',
  errorFinal: 'Etwas ist schiefgelaufen. Sie können später einen Passkey hinzufügen.',
  continue: 'Weiter',
  successTitle: 'Passkey erstellt',
  successStoredIn: 'Er ist in {name} gespeichert. Künftig genügt Fingerabdruck, Gesicht oder Bildschirmsperre.',
  successText: 'Melden Sie sich künftig mit Fingerabdruck, Gesicht oder Bildschirmsperre statt mit Ihrem Passwort an.',
  existsTitle: 'Sie haben bereits einen Passkey',
  existsText: 'Auf diesem Gerät gibt es schon einen Passkey für Ihr Konto. Nutzen Sie ihn bei der nächsten Anmeldung.',
} satisfies AppendStrings;
