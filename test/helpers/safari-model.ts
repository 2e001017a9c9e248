/**
 * STUB: Safari's WebAuthn rules, modelled on top of the real engine under test (Chromium or
 * Firefox, with its virtual authenticator) — Safari does not run on Linux. Everything else stays
 * real: the engine makes the credentials, the emulator verifies them.
 *
 * The rules (Safari's published behaviour; README "Engines"):
 * 1. A modal `create()` without transient user activation (HTML "transient activation": a real
 *    click or key press in the last few seconds) rejects at once with `NotAllowedError`; the
 *    engine is never asked. Only activation after `safariModel()` was installed counts (the test
 *    page is shared by the tests of a file).
 * 2. Before Safari 16: a credential in `excludeCredentials` that lives on this authenticator
 *    rejects at once with `NotAllowedError` instead of WebAuthn's `InvalidStateError` (WebKit bug
 *    219813): the engine's `InvalidStateError` is turned into it. Safari 16 on answers
 *    `InvalidStateError`, like the engines under test.
 * 3. Conditional create (`mediation: 'conditional'`) exists from Safari 18
 *    (`getClientCapabilities().conditionalCreate` says so); it needs no activation. `upgrade`:
 *    the user just signed in with a saved password, so Safari creates the passkey silently —
 *    answered by a real *modal* `create()` with the same options (a genuine credential the
 *    emulator verifies); `refuse`: no such sign-in, `NotAllowedError` at once.
 * 4. The page sees Safari's user agent (`navigator.userAgent`: Safari `version` on macOS, see
 *    {@link SAFARI_USER_AGENT}): the element reads a quick `NotAllowedError` as "already on this
 *    device" only where the engine is old WebKit (src/webauthn/environment.ts
 *    `reportsExcludedAsNotAllowed`). The HTTP `User-Agent` and `navigator.userAgentData` stay the
 *    real engine's.
 *
 * Not modelled: Safari's sheets and texts, iCloud Keychain sync, the consumption of activation.
 *
 *   const safari = safariModel({ version: 18, conditional: 'upgrade' });
 *   … mount, realClick(button) …
 *   expect(safari.calls.map((c) => c.outcome)).to.deep.equal(['refused-no-activation', 'created']);
 */
import { sendMouse } from '@web/test-runner-commands';
import { onCleanup } from './cleanup.js';
import { stubProperty } from './spies.js';

export interface SafariModelOptions {
  /** 18 (default) brings conditional create; 17 has none. */
  version?: 15 | 17 | 18;
  /** What a conditional create does on Safari 18 (default `refuse`). */
  conditional?: 'upgrade' | 'refuse';
}

/** What the model did with one `create()` call. */
export type SafariOutcome =
  'refused-no-activation' | 'refused-excluded' | 'refused-conditional' | 'unsupported-conditional' | 'created' | 'rejected';

export interface SafariCall {
  mediation: string | undefined;
  /** Transient user activation at the call (rule 1). */
  activated: boolean;
  /** Credentials the options ask to exclude. */
  excludeCredentials: number;
  outcome?: SafariOutcome;
  /** `name` of the rejection the page saw. */
  error?: string;
}

/** Safari's `navigator.userAgent` on macOS, per modelled version (rule 4). */
export const SAFARI_USER_AGENT = {
  15: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Safari/605.1.15',
  17: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
  18: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.3 Safari/605.1.15',
} as const;

const notAllowed = (why: string) => new DOMException(`The operation is not allowed (Safari model: ${why}).`, 'NotAllowedError');

/** Installs the model until the end of the test (or `restore()`). */
export function safariModel(opts: SafariModelOptions = {}): { calls: SafariCall[]; restore(): void } {
  const { version = 18, conditional = 'refuse' } = opts;
  const container = navigator.credentials;
  const real = container.create.bind(container);
  const calls: SafariCall[] = [];

  let activatedSince = false;
  const onActivation = (e: Event) => void (e.isTrusted && (activatedSince = true));
  const kinds = ['keydown', 'mousedown', 'pointerdown', 'pointerup', 'touchend'] as const;
  for (const k of kinds) addEventListener(k, onActivation, true);
  const stopListening = () => kinds.forEach((k) => removeEventListener(k, onActivation, true));
  onCleanup(stopListening);
  const activation = () => activatedSince && navigator.userActivation?.isActive === true;

  const create = (options?: CredentialCreationOptions): Promise<Credential | null> => {
    const mediation = (options as { mediation?: string } | undefined)?.mediation;
    const call: SafariCall = {
      mediation,
      activated: activation(),
      excludeCredentials: options?.publicKey?.excludeCredentials?.length ?? 0,
    };
    calls.push(call);
    const refuse = (outcome: SafariOutcome, error: DOMException) => {
      Object.assign(call, { outcome, error: error.name });
      return Promise.reject(error);
    };
    /** The engine's own ceremony; its `InvalidStateError` becomes Safari's `NotAllowedError` (rule 2). */
    const forward = (o?: CredentialCreationOptions) =>
      real(o).then(
        (credential) => ((call.outcome = 'created'), credential),
        (e: unknown) => {
          if ((e as { name?: string }).name === 'InvalidStateError' && version < 16)
            return refuse('refused-excluded', notAllowed('a credential to exclude is on this device'));
          Object.assign(call, { outcome: 'rejected', error: (e as { name?: string }).name });
          throw e;
        },
      );
    if (mediation === 'conditional') {
      if (version < 18) return refuse('unsupported-conditional', new DOMException('Unsupported mediation', 'NotSupportedError'));
      if (conditional === 'refuse') return refuse('refused-conditional', notAllowed('no recent password sign-in'));
      const modal: CredentialCreationOptions = { ...options };
      delete (modal as { mediation?: string }).mediation;
      return forward(modal);
    }
    if (!call.activated) return refuse('refused-no-activation', notAllowed('no transient user activation'));
    return forward(options);
  };
  const undoCreate = stubProperty(container, 'create', create);

  const pkc = PublicKeyCredential as unknown as { getClientCapabilities?: () => Promise<Record<string, boolean>> };
  const caps = pkc.getClientCapabilities?.bind(PublicKeyCredential);
  const undoCaps = stubProperty(PublicKeyCredential, 'getClientCapabilities', async () => ({
    ...((await caps?.()) ?? {}),
    conditionalCreate: version >= 18,
  }));
  const undoUserAgent = stubProperty(navigator, 'userAgent', SAFARI_USER_AGENT[version]);
  return {
    calls,
    restore() {
      undoCreate();
      undoCaps();
      undoUserAgent();
      stopListening();
    },
  };
}

/** A real click (the engine's input, with transient user activation) in the middle of `el`. */
export async function realClick(el: Element): Promise<void> {
  el.scrollIntoView({ block: 'center' });
  const { left, top, width, height } = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(left + width / 2), Math.round(top + height / 2)] });
}
