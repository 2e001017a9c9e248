/**
 * Every text the element shows, in English (built in). Its keys are public: `strings` (element
 * property) overrides any of them, and every language file gives all of them (components/messages.ts
 * picks which text goes with what is shown).
 */
export const en = {
  defaultTitle: 'Next time, sign in with a passkey',
  defaultText: 'Use your fingerprint, face or screen lock instead of a password. It’s safer, and there’s nothing to remember.',
  afterHybridTitle: 'Sign in here without your phone',
  afterHybridText:
    'You just used your phone to sign in. Create a passkey on this device and next time your fingerprint, face or screen lock is enough.',
  afterErrorTitle: 'Let’s try that again',
  afterErrorText: 'Creating your passkey didn’t work last time. It only takes a moment with your fingerprint, face or screen lock.',
  create: 'Create passkey',
  skip: 'Not now',
  learnMore: 'Learn more',
  back: 'Back',
  learnMoreTitle: 'What is a passkey?',
  learnMoreText:
    'A passkey replaces your password. Your device’s password manager, such as iCloud Keychain, Google Password Manager or Windows Hello, keeps it and unlocks it with your fingerprint, face or screen lock. It works only on this site, so it can’t be phished or leaked.',
  restrictedHint: 'This browser may not save passkeys reliably. For the best result, open this page in your device’s default browser.',
  inAppHint: 'This app’s built-in browser may not save passkeys. To be sure, open this page in Safari or Chrome.',
  frameHint: 'Passkeys can’t be created inside this embedded page. Open it in its own tab.',
  noPlatformHint: 'You can save the passkey on your phone or on a security key.',
  loadingLabel: 'One moment…',
  creatingLabel: 'Creating passkey…',
  finishingLabel: 'Saving passkey…',
  loading: 'Loading…',
  creating: 'Follow your browser’s prompt to create the passkey.',
  finishing: 'Saving your passkey…',
  finishSlow: 'Still saving your passkey. You can continue, it will finish in the background.',
  cancelled: 'Passkey creation was cancelled. Try again whenever you’re ready.',
  timeout: 'Your device didn’t respond in time. Please try again.',
  expired: 'The offer timed out. Please try again.',
  error: 'Something went wrong. Please try again.',
  finishFailedTitle: 'Your passkey wasn’t saved',
  finishFailed: 'Keep signing in as usual. You can add a passkey later in your account settings.',
  finishUnknownTitle: 'We couldn’t confirm your passkey',
  finishUnknown: 'It may still work next time you sign in. If not, you can add one later.',
  unsupportedTitle: 'Passkeys aren’t available in this browser',
  unsupportedFinal: 'You can add one later from another browser or device.',
  expiredTitle: 'This offer has expired',
  expiredFinal: 'You can add a passkey later in your account settings.',
  securityTitle: 'Passkeys aren’t available on this site',
  security: 'Keep signing in as usual. We’re working on it.',
  errorTitle: 'No passkey this time',
  errorFinal: 'Something went wrong. You can add a passkey later.',
  continue: 'Continue',
  successTitle: 'Passkey created',
  successStoredIn: 'It’s saved in {name}. Next time, just use your fingerprint, face or screen lock.',
  successText: 'Next time, sign in with your fingerprint, face or screen lock instead of your password.',
  existsTitle: 'You already have a passkey',
  existsText: 'This device already has a passkey for your account. Use it the next time you sign in.',
};

/** Every text key; a language file gives all of them (a test checks it). */
export type AppendStrings = typeof en;
