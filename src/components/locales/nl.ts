/** Dutch (Nederlands). Built to `locales/nl.js` beside the element (README "Design and languages"). */
import type { AppendStrings } from '../../strings.js';

export default {
  defaultTitle: 'Log volgende keer in met een toegangssleutel',
  defaultText:
    'Gebruik je vingerafdruk, gezicht of schermvergrendeling in plaats van een wachtwoord. Dat is veiliger en je hoeft niets te onthouden.',
  afterHybridTitle: 'Log hier in zonder je telefoon',
  afterHybridText:
    'Je bent net ingelogd met je telefoon. Maak een toegangssleutel op dit apparaat, dan is je vingerafdruk, gezicht of schermvergrendeling volgende keer genoeg.',
  afterErrorTitle: 'Laten we het opnieuw proberen',
  afterErrorText:
    'Vorige keer is het maken van je toegangssleutel niet gelukt. Met je vingerafdruk, gezicht of schermvergrendeling duurt het maar even.',
  create: 'Toegangssleutel maken',
  skip: 'Niet nu',
  learnMore: 'Meer informatie',
  back: 'Terug',
  learnMoreTitle: 'Wat is een toegangssleutel?',
  learnMoreText:
    'Een toegangssleutel vervangt je wachtwoord. De wachtwoordbeheerder van je apparaat, zoals iCloud-sleutelhanger, Google Wachtwoordmanager of Windows Hello, bewaart hem en ontgrendelt hem met je vingerafdruk, gezicht of schermvergrendeling. Hij werkt alleen op deze site en kan dus niet worden buitgemaakt met phishing of uitlekken.',
  restrictedHint:
    'Deze browser slaat toegangssleutels mogelijk niet betrouwbaar op. Open deze pagina voor het beste resultaat in de standaardbrowser van je apparaat.',
  inAppHint:
    'De ingebouwde browser van deze app slaat toegangssleutels mogelijk niet op. Open deze pagina voor de zekerheid in Safari of Chrome.',
  frameHint: 'In deze ingesloten pagina kun je geen toegangssleutels maken. Open hem in een eigen tabblad.',
  noPlatformHint: 'Je kunt de toegangssleutel op je telefoon of op een beveiligingssleutel opslaan.',
  loadingLabel: 'Even geduld…',
  creatingLabel: 'Toegangssleutel maken…',
  finishingLabel: 'Opslaan…',
  loading: 'Laden…',
  creating: 'Volg de aanwijzingen van je browser om de toegangssleutel te maken.',
  finishing: 'Je toegangssleutel wordt opgeslagen…',
  finishSlow: 'Je toegangssleutel wordt nog opgeslagen. Je kunt verdergaan, het opslaan wordt op de achtergrond afgerond.',
  cancelled: 'Het maken is geannuleerd. Probeer het opnieuw wanneer je wilt.',
  timeout: 'Je apparaat reageerde niet op tijd. Probeer het opnieuw.',
  expired: 'Het aanbod is verlopen. Probeer het opnieuw.',
  error: 'Er ging iets mis. Probeer het opnieuw.',
  finishFailedTitle: 'Je toegangssleutel is niet opgeslagen',
  finishFailed: 'Log gewoon verder in zoals je gewend bent. Je kunt later een toegangssleutel toevoegen in je accountinstellingen.',
  finishUnknownTitle: 'We konden je toegangssleutel niet bevestigen',
  finishUnknown: 'Misschien werkt hij de volgende keer dat je inlogt. Zo niet, dan kun je er later een toevoegen.',
  unsupportedTitle: 'Toegangssleutels zijn niet beschikbaar in deze browser',
  unsupportedFinal: 'Je kunt er later een toevoegen vanuit een andere browser of een ander apparaat.',
  expiredTitle: 'Dit aanbod is verlopen',
  expiredFinal: 'Je kunt later een toegangssleutel toevoegen in je accountinstellingen.',
  securityTitle: 'Toegangssleutels zijn niet beschikbaar op deze site',
  security: 'Log gewoon verder in zoals je gewend bent. We werken eraan.',
  errorTitle: 'Deze keer geen toegangssleutel',
  errorFinal: 'Er ging iets mis. Je kunt later een toegangssleutel toevoegen.',
  continue: 'Doorgaan',
  successTitle: 'Toegangssleutel gemaakt',
  successStoredIn: 'Hij staat in {name}. Volgende keer is je vingerafdruk, gezicht of schermvergrendeling genoeg.',
  successText: 'Log volgende keer in met je vingerafdruk, gezicht of schermvergrendeling in plaats van je wachtwoord.',
  existsTitle: 'Je hebt al een toegangssleutel',
  existsText: 'Dit apparaat heeft al een toegangssleutel voor je account. Gebruik hem de volgende keer dat je inlogt.',
} satisfies AppendStrings;
