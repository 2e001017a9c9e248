/** French (français). Built to `locales/fr.js` beside the element (README "Design and languages"). */
import type { AppendStrings } from '../../strings.js';

export default {
  defaultTitle: 'La prochaine fois, connectez-vous avec une clé d’accès',
  defaultText:
    'Utilisez votre empreinte, votre visage ou le verrouillage de l’écran au lieu d’un mot de passe. C’est plus sûr, et il n’y a rien à retenir.',
  afterHybridTitle: 'Connectez-vous ici sans votre téléphone',
  afterHybridText:
    'Vous venez de vous connecter avec votre téléphone. Créez une clé d’accès sur cet appareil : la prochaine fois, votre empreinte, votre visage ou le verrouillage de l’écran suffiront.',
  afterErrorTitle: 'On réessaie ?',
  afterErrorText:
    'La création de votre clé d’accès n’a pas abouti la dernière fois. Avec votre empreinte, votre visage ou le verrouillage de l’écran, cela ne prend qu’un instant.',
  create: 'Créer une clé d’accès',
  skip: 'Plus tard',
  learnMore: 'En savoir plus',
  back: 'Retour',
  learnMoreTitle: 'Qu’est-ce qu’une clé d’accès ?',
  learnMoreText:
    'Une clé d’accès remplace votre mot de passe. Le gestionnaire de mots de passe de votre appareil, comme le trousseau iCloud, le Gestionnaire de mots de passe de Google ou Windows Hello, la conserve et la déverrouille avec votre empreinte, votre visage ou le verrouillage de l’écran. Elle ne fonctionne que sur ce site : impossible de vous la dérober par hameçonnage ou par une fuite.',
  restrictedHint:
    'Ce navigateur risque de mal enregistrer les clés d’accès. Pour un meilleur résultat, ouvrez cette page dans le navigateur par défaut de votre appareil.',
  inAppHint:
    'Le navigateur intégré de cette application risque de ne pas enregistrer les clés d’accès. Par précaution, ouvrez cette page dans Safari ou Chrome.',
  frameHint: 'Impossible de créer une clé d’accès dans cette page intégrée. Ouvrez-la dans un onglet à part.',
  noPlatformHint: 'Vous pouvez enregistrer la clé d’accès sur votre téléphone ou sur une clé de sécurité.',
  loadingLabel: 'Un instant…',
  creatingLabel: 'Création en cours…',
  finishingLabel: 'Enregistrement…',
  loading: 'Chargement…',
  creating: 'Suivez les instructions de votre navigateur pour créer la clé d’accès.',
  finishing: 'Enregistrement de votre clé d’accès…',
  finishSlow: 'Votre clé d’accès est encore en cours d’enregistrement. Vous pouvez continuer, cela se terminera en arrière-plan.',
  cancelled: 'La création a été annulée. Réessayez quand vous voulez.',
  timeout: 'Votre appareil n’a pas répondu à temps. Veuillez réessayer.',
  expired: 'L’offre a expiré. Veuillez réessayer.',
  error: 'Un problème est survenu. Veuillez réessayer.',
  finishFailedTitle: 'Votre clé d’accès n’a pas été enregistrée',
  finishFailed:
    'Continuez à vous connecter comme d’habitude. Vous pourrez ajouter une clé d’accès plus tard dans les paramètres de votre compte.',
  finishUnknownTitle: 'Nous n’avons pas pu confirmer votre clé d’accès',
  finishUnknown: 'Elle fonctionnera peut-être à votre prochaine connexion. Sinon, vous pourrez en ajouter une plus tard.',
  unsupportedTitle: 'Les clés d’accès ne sont pas disponibles dans ce navigateur',
  unsupportedFinal: 'Vous pourrez en ajouter une plus tard depuis un autre navigateur ou appareil.',
  expiredTitle: 'Cette offre a expiré',
  expiredFinal: 'Vous pourrez ajouter une clé d’accès plus tard dans les paramètres de votre compte.',
  securityTitle: 'Les clés d’accès ne sont pas disponibles sur ce site',
  security: 'Continuez à vous connecter comme d’habitude. Nous nous en occupons.',
  errorTitle: 'Pas de clé d’accès cette fois',
  errorFinal: 'Un problème est survenu. Vous pourrez ajouter une clé d’accès plus tard.',
  continue: 'Continuer',
  successTitle: 'Clé d’accès créée',
  successStoredIn:
    'Elle est enregistrée dans {name}. La prochaine fois, votre empreinte, votre visage ou le verrouillage de l’écran suffiront.',
  successText:
    'La prochaine fois, connectez-vous avec votre empreinte, votre visage ou le verrouillage de l’écran au lieu de votre mot de passe.',
  existsTitle: 'Vous avez déjà une clé d’accès',
  existsText: 'Cet appareil a déjà une clé d’accès pour votre compte. Utilisez-la à votre prochaine connexion.',
} satisfies AppendStrings;
