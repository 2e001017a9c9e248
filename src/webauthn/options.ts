/**
 * Parsing and checking of Corbado's `attestationOptions` (start response) into
 * `PublicKeyCredentialCreationOptionsJSON` (WebAuthn L3 §5.4, JSON form of §5.4.1).
 * Nothing here touches `navigator.credentials`: a value that leaves this module is safe to hand
 * to `create()`; anything else is a `CorbadoAppendError('options-invalid')`.
 */
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialDescriptorJSON } from '@simplewebauthn/browser';
import { isObject } from '../api/validate.js';
import { CorbadoAppendError } from '../errors.js';

/**
 * A WebIDL integer (`long`, `unsigned long`) as `create()` would convert it: a number, or a
 * string of an integer (`"-7"`). Undefined for anything else or outside `[min, max]`.
 */
function integer(v: unknown, min: number, max: number): number | undefined {
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

const invalid = (why: string) => new CorbadoAppendError('options-invalid', `attestationOptions: ${why}`);

/**
 * Canonical base64url (RFC 4648 §5, no padding) of a base64url or standard base64 string
 * (padding optional), or undefined when `v` is not one. Returns the decoded length too.
 */
export function toBase64url(v: unknown): { value: string; bytes: number } | undefined {
  if (typeof v !== 'string') return undefined;
  const bare = v.replace(/=+$/, '');
  if (bare.length === 0 || bare.length % 4 === 1 || /[^A-Za-z0-9\-_+/]/.test(bare)) return undefined;
  if (/[-_]/.test(bare) && /[+/]/.test(bare)) return undefined; // two alphabets mixed
  // Re-encode the decoded bytes: the canonical form (zero trailing bits), so the challenge in
  // clientDataJSON is the string the server issued whenever the server's was canonical.
  const bytes = atob(bare.replace(/-/g, '+').replace(/_/g, '/'));
  return {
    value: btoa(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    bytes: bytes.length,
  };
}

/** Largest `user.id` WebAuthn allows (§5.4.3): 64 bytes. Smallest challenge we accept: 16 bytes (§13.4.3). */
const MAX_USER_ID_BYTES = 64;
const MIN_CHALLENGE_BYTES = 16;

/**
 * Parse `attestationOptions` as Corbado sends it: JSON text of `{"publicKey": {...}}`, bare
 * options (no wrapper), or an already-parsed object of either shape.
 *
 * @returns the checked options, or `null` for `""` (the server chose not to offer a passkey).
 *   JSON text encoded twice is unwrapped (two string levels at most).
 * @throws CorbadoAppendError `options-invalid` when the text is not JSON, or `challenge`
 *   (base64url, ≥ 16 bytes), `rp.name`, `user.id` (base64url, 1–64 bytes), `user.name`, or a
 *   `public-key` entry of `pubKeyCredParams` is missing or malformed.
 *
 * Normalised on the way: standard-base64 binary members become base64url; integer strings
 * (`alg: "-7"`, `timeout: "60000"`) become numbers, as WebIDL would convert them; `timeout` that
 * is not a positive integer is dropped (the browser default applies, so `0` never aborts at once);
 * `null` optional members are dropped; unknown `transports` and extensions pass through.
 */
export function parseAttestationOptions(input: unknown): PublicKeyCredentialCreationOptionsJSON | null {
  if (input === '') return null;
  let value = input;
  // JSON text, or JSON text of JSON text (a proxy or SDK that encoded it twice): two levels at most.
  for (let level = 0; level < 2 && typeof value === 'string'; level++) {
    try {
      value = JSON.parse(value);
    } catch {
      throw invalid('not JSON');
    }
  }
  if (isObject(value) && isObject(value.publicKey)) value = value.publicKey;
  if (!isObject(value)) throw invalid('not an object');
  const o = value;

  const challenge = toBase64url(o.challenge);
  if (!challenge || challenge.bytes < MIN_CHALLENGE_BYTES) throw invalid('challenge invalid');

  if (!isObject(o.rp) || typeof o.rp.name !== 'string') throw invalid('rp.name missing');
  // "" is no domain: create() would throw SecurityError after the offer was shown.
  if (o.rp.id !== undefined && o.rp.id !== null && (typeof o.rp.id !== 'string' || o.rp.id === '')) {
    throw invalid('rp.id invalid');
  }

  if (!isObject(o.user)) throw invalid('user missing');
  const userId = toBase64url(o.user.id);
  if (!userId || userId.bytes > MAX_USER_ID_BYTES) throw invalid('user.id invalid');
  if (typeof o.user.name !== 'string') throw invalid('user.name missing');
  const displayName = typeof o.user.displayName === 'string' ? o.user.displayName : o.user.name;

  // COSEAlgorithmIdentifier is a WebIDL `long`: outside its range create() would wrap it.
  const params = (Array.isArray(o.pubKeyCredParams) ? o.pubKeyCredParams : []).flatMap((p) => {
    const alg = isObject(p) && p.type === 'public-key' ? integer(p.alg, -(2 ** 31), 2 ** 31 - 1) : undefined;
    return alg === undefined ? [] : [{ type: 'public-key' as const, alg }];
  });
  if (params.length === 0) throw invalid('pubKeyCredParams empty');

  const out: PublicKeyCredentialCreationOptionsJSON = {
    rp: typeof o.rp.id === 'string' ? { id: o.rp.id, name: o.rp.name } : { name: o.rp.name },
    user: { id: userId.value, name: o.user.name, displayName },
    challenge: challenge.value,
    pubKeyCredParams: params,
  };
  // `timeout` is a WebIDL `unsigned long` (ms); 0 or nonsense: the browser's default applies.
  const timeout = integer(o.timeout, 1, 2 ** 32 - 1);
  if (timeout !== undefined) out.timeout = timeout;
  if (o.excludeCredentials != null) out.excludeCredentials = parseDescriptors(o.excludeCredentials);
  if (isObject(o.authenticatorSelection)) out.authenticatorSelection = o.authenticatorSelection;
  if (typeof o.attestation === 'string') out.attestation = o.attestation as PublicKeyCredentialCreationOptionsJSON['attestation'];
  if (isObject(o.extensions)) out.extensions = o.extensions;
  if (Array.isArray(o.hints)) out.hints = o.hints.filter((h) => typeof h === 'string') as PublicKeyCredentialCreationOptionsJSON['hints'];
  return out;
}

/**
 * `excludeCredentials` entries. An entry with a broken `id` makes the whole options invalid:
 * dropping it could let the user create a second passkey on the same authenticator.
 */
function parseDescriptors(v: unknown): PublicKeyCredentialDescriptorJSON[] {
  if (!Array.isArray(v)) throw invalid('excludeCredentials not an array');
  // Array.from: a hole (sparse already-parsed array) is an entry without an id, not skipped.
  return Array.from(v as unknown[]).map((d) => {
    const id = isObject(d) ? toBase64url(d.id) : undefined;
    if (!isObject(d) || !id) throw invalid('excludeCredentials id invalid');
    const desc: PublicKeyCredentialDescriptorJSON = { type: 'public-key', id: id.value };
    if (Array.isArray(d.transports)) {
      desc.transports = d.transports.filter((t): t is string => typeof t === 'string');
    }
    return desc;
  });
}

/**
 * Whether `rpId` may be used from `hostname` (WebAuthn §5.1.3 step 8, simplified: equal, or a
 * registrable suffix on a label boundary). An absent `rpId` means "this origin's host".
 */
export function rpIdFitsHost(rpId: string | undefined, hostname: string): boolean {
  if (!rpId) return true;
  const host = hostname.toLowerCase();
  const rp = rpId.toLowerCase();
  return host === rp || (host.endsWith(`.${rp}`) && rp.includes('.'));
}
