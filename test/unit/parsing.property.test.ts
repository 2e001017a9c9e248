/**
 * Property-based tests (fast-check) of the two gates between the server and
 * `navigator.credentials.create()`: `parseStartResponse` and `parseAttestationOptions`.
 * Inputs: valid options made up from random parts, the same with members deleted, retyped or
 * replaced, random JSON values and text, and valid JSON text cut off anywhere.
 * Properties: nothing but a `CorbadoAppendError` with one of the design's codes is ever thrown,
 * and whatever is accepted is safe to hand to `create()` (canonical base64url challenge of
 * ≥ 16 bytes and user.id of 1–64 bytes, at least one public-key algorithm, …).
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { parseStartResponse } from '../../src/api/validate.js';
import { CorbadoAppendError, type CorbadoAppendErrorCode } from '../../src/errors.js';
import { parseAttestationOptions } from '../../src/webauthn/options.js';

/** DESIGN.md "Errors": the closed set. */
const CODES: readonly CorbadoAppendErrorCode[] = [
  'config-invalid',
  'api-unavailable',
  'api-rejected',
  'token-unavailable',
  'options-invalid',
  'unsupported',
  'security-error',
  'ceremony-cancelled',
  'ceremony-timeout',
  'expired',
  'finish-failed',
];

const RUNS = { numRuns: 300 };

// ── base64 ────────────────────────────────────────────────────────────────

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const b64url = (bytes: Uint8Array) => b64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const decodeB64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));

/** Canonical base64url (RFC 4648 §5, no padding, zero trailing bits): decoding and re-encoding gives it back. */
function canonicalBytes(s: unknown): number | undefined {
  if (typeof s !== 'string' || !/^[A-Za-z0-9_-]+$/.test(s) || s.length % 4 === 1) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = decodeB64url(s);
  } catch {
    return undefined;
  }
  return b64url(bytes) === s ? bytes.length : undefined;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The spellings a server uses for binary members: base64url or standard base64, padded or not,
 * and "loose" base64url whose last character has non-zero unused bits (decoders accept it, the
 * bytes are the same, but it is not the canonical spelling).
 */
const spelled = (bytes: fc.Arbitrary<Uint8Array>) =>
  fc.tuple(bytes, fc.constantFrom('url', 'url=', 'std', 'std=', 'loose'), fc.integer({ min: 1, max: 15 })).map(([b, how, bits]) => {
    const std = b64(b);
    if (how === 'std=') return std;
    if (how === 'std') return std.replace(/=+$/, '');
    const url = b64url(b);
    if (how === 'loose') {
      const unused = url.length % 4 === 2 ? 4 : url.length % 4 === 3 ? 2 : 0;
      if (!unused) return url;
      const last = B64URL.indexOf(url[url.length - 1]!);
      return url.slice(0, -1) + B64URL[last | (bits & ((1 << unused) - 1))];
    }
    return how === 'url=' ? url + '='.repeat((4 - (url.length % 4)) % 4) : url;
  });

/** Strings that look almost like base64: odd lengths, stray characters, both alphabets, padding in the middle. */
const nearB64 = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9+/_=-]{0,90}$/),
  fc.tuple(spelled(fc.uint8Array({ minLength: 16, maxLength: 40 })), fc.nat(60), fc.constantFrom('!', ' ', '=', '.', '\n', 'é', '+', '_'))
    .map(([s, i, ch]) => s.slice(0, i % (s.length + 1)) + ch + s.slice(i % (s.length + 1))),
);

// ── valid options, and mutations of them ─────────────────────────────────

const descriptor = fc.record(
  {
    type: fc.constant('public-key'),
    id: spelled(fc.uint8Array({ minLength: 1, maxLength: 64 })),
    transports: fc.array(fc.constantFrom('internal', 'hybrid', 'usb', 'nfc', 'ble', 'cable', 'smart-card', 'future-transport')),
  },
  { requiredKeys: ['type', 'id'] },
);

const validOptions = fc.record(
  {
    rp: fc.record({ id: fc.constant('localhost'), name: fc.string() }, { requiredKeys: ['name'] }),
    user: fc.record(
      { id: spelled(fc.uint8Array({ minLength: 1, maxLength: 64 })), name: fc.string(), displayName: fc.string() },
      { requiredKeys: ['id', 'name'] },
    ),
    challenge: spelled(fc.uint8Array({ minLength: 16, maxLength: 64 })),
    pubKeyCredParams: fc
      .tuple(
        fc.constantFrom(-7, -257, -8, -35, -36),
        fc.array(fc.oneof(fc.record({ type: fc.constant('public-key'), alg: fc.oneof(fc.integer({ min: -65536, max: 65535 }), fc.integer(), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53))) }), fc.jsonValue()), { maxLength: 3 }),
      )
      .map(([alg, more]) => [{ type: 'public-key', alg }, ...more]),
    timeout: fc.oneof(fc.integer({ min: 1, max: 600_000 }), fc.constant(0), fc.constant(null)),
    excludeCredentials: fc.oneof(fc.array(descriptor, { maxLength: 3 }), fc.constant(null)),
    authenticatorSelection: fc.oneof(
      fc.record({ residentKey: fc.constantFrom('required', 'preferred', 'discouraged'), userVerification: fc.constantFrom('required', 'preferred', 'discouraged') }),
      fc.constant(null),
    ),
    attestation: fc.constantFrom('none', 'direct', 'indirect', 'enterprise'),
    extensions: fc.constant({ credProps: true }),
    hints: fc.array(fc.constantFrom('client-device', 'hybrid', 'security-key')),
  },
  { requiredKeys: ['rp', 'user', 'challenge', 'pubKeyCredParams'] },
);

type Obj = Record<string, unknown>;
const PATHS = [
  ['challenge'],
  ['rp'],
  ['rp', 'id'],
  ['rp', 'name'],
  ['user'],
  ['user', 'id'],
  ['user', 'name'],
  ['user', 'displayName'],
  ['pubKeyCredParams'],
  ['pubKeyCredParams', 0],
  ['pubKeyCredParams', 0, 'type'],
  ['pubKeyCredParams', 0, 'alg'],
  ['timeout'],
  ['excludeCredentials'],
  ['excludeCredentials', 0],
  ['excludeCredentials', 0, 'id'],
  ['excludeCredentials', 0, 'transports'],
  ['authenticatorSelection'],
  ['attestation'],
  ['extensions'],
  ['hints'],
] as const;

/** A replacement value: any JSON, a near-base64 string, or a value of another type. */
const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  nearB64,
  spelled(fc.uint8Array({ minLength: 0, maxLength: 100 })), // any size: too short, empty, over 64 bytes
  fc.constantFrom(null, undefined, 0, -1, 1.5, NaN, Infinity, true, false, '', [], {}, '[]', '{}', 'null'),
);

type Mutation = { path: readonly (string | number)[]; op: 'delete' | 'set'; value?: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.constantFrom(...PATHS),
  op: fc.constantFrom('delete', 'set'),
  value: replacement,
});

function mutate(base: Obj, muts: Mutation[]): Obj {
  const o = structuredClone(base);
  for (const { path, op, value } of muts) {
    let parent: any = o; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const k of path.slice(0, -1)) {
      parent = parent?.[k];
      if (parent === null || typeof parent !== 'object') break;
    }
    if (parent === null || typeof parent !== 'object') continue;
    const last = path[path.length - 1]!;
    if (op === 'delete') delete parent[last];
    else parent[last] = value !== null && typeof value === 'object' ? structuredClone(value) : value;
  }
  return o;
}

/** How the options reach the parser: JSON text or object, with or without the `publicKey` wrapper. */
const shapes = (o: Obj) => [JSON.stringify({ publicKey: o }), JSON.stringify(o), { publicKey: o }, o];

const options = fc.oneof(
  { weight: 2, arbitrary: validOptions },
  { weight: 5, arbitrary: fc.tuple(validOptions, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([o, m]) => mutate(o as Obj, m)) },
);

/** Any input at all: mutated options in every shape, random JSON and text, cut-off JSON text. */
const anyAttestationOptions = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(options, fc.nat(3)).map(([o, i]) => shapes(o as Obj)[i]) },
  { weight: 2, arbitrary: fc.tuple(options, fc.nat(), fc.boolean()).map(([o, n, wrap]) => {
    const text = JSON.stringify(wrap ? { publicKey: o } : o);
    return text.slice(0, n % (text.length + 1));
  }) },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.anything() },
);

// ── the properties ────────────────────────────────────────────────────────

/** Runs `fn`; a throw must be a CorbadoAppendError with a code of the design (and `allowed` when given). */
function outcome<T>(fn: () => T, allowed: CorbadoAppendErrorCode): { ok: true; value: T } | { ok: false; code: string } {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (!(e instanceof CorbadoAppendError)) throw new Error(`threw ${String((e as Error)?.name)}: ${String((e as Error)?.message ?? e)}`);
    expect(CODES).to.include(e.code);
    expect(e.code).to.equal(allowed);
    return { ok: false, code: e.code };
  }
}

/** Everything `create()` needs from checked options (WebAuthn L3 §5.4) holds. */
function assertSafeForCreate(o: PublicKeyCredentialCreationOptionsJSON, input: unknown): void {
  const why = JSON.stringify(input)?.slice(0, 400);
  const challenge = canonicalBytes(o.challenge);
  expect(challenge, `challenge ${o.challenge} canonical base64url ≥ 16 bytes; input ${why}`).to.be.a('number').and.at.least(16);
  const userId = canonicalBytes(o.user?.id);
  expect(userId, `user.id ${o.user?.id} canonical base64url 1–64 bytes; input ${why}`).to.be.a('number').within(1, 64);
  expect(o.user.name, 'user.name').to.be.a('string');
  expect(o.user.displayName, 'user.displayName').to.be.a('string');
  expect(o.rp.name, 'rp.name').to.be.a('string');
  if ('id' in o.rp) expect(o.rp.id, 'rp.id present → non-empty string').to.be.a('string').and.not.equal('');
  expect(o.pubKeyCredParams.length, 'a public-key algorithm').to.be.greaterThan(0);
  for (const p of o.pubKeyCredParams) {
    expect(p.type).to.equal('public-key');
    // COSEAlgorithmIdentifier is a WebIDL `long`: what the server sent is what create() gets.
    expect(Number.isInteger(p.alg) && p.alg >= -(2 ** 31) && p.alg < 2 ** 31, `alg ${p.alg} a 32-bit integer`).to.equal(true);
  }
  if (o.timeout !== undefined) expect(o.timeout > 0 && Number.isFinite(o.timeout), `timeout ${o.timeout}`).to.equal(true);
  for (const d of o.excludeCredentials ?? []) {
    expect(d.type).to.equal('public-key');
    expect(canonicalBytes(d.id), `excludeCredentials id ${d.id}`).to.be.a('number').and.at.least(1);
    for (const t of d.transports ?? []) expect(t).to.be.a('string');
  }
  // Nothing from a foreign prototype or a non-JSON value slipped through.
  expect(() => JSON.stringify(o)).not.to.throw();
}

describe('parseAttestationOptions (property-based)', () => {
  it('valid options in any shape and spelling are accepted, with the same bytes', () => {
    fc.assert(
      fc.property(validOptions, fc.nat(3), (o, i) => {
        const parsed = parseAttestationOptions(shapes(o as Obj)[i]);
        expect(parsed).not.to.equal(null);
        assertSafeForCreate(parsed!, o);
        const bytes = (s: string) => Array.from(decodeB64url(s.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')));
        expect(bytes(parsed!.challenge)).to.deep.equal(bytes(o.challenge));
        expect(bytes(parsed!.user.id)).to.deep.equal(bytes(o.user.id));
      }),
      RUNS,
    );
  });

  it('any input: accepted → safe for create(), otherwise options-invalid — never another exception', () => {
    fc.assert(
      fc.property(anyAttestationOptions, input => {
        const r = outcome(() => parseAttestationOptions(input), 'options-invalid');
        if (!r.ok) return;
        if (r.value === null) {
          expect(input, 'null only for ""').to.equal('');
          return;
        }
        assertSafeForCreate(r.value, input);
      }),
      { numRuns: 1000 },
    );
  });

  it('a broken binary member is never "repaired" into different bytes', () => {
    fc.assert(
      fc.property(validOptions, nearB64, fc.constantFrom('challenge', 'user.id'), (o, bad, where) => {
        const input = structuredClone(o) as Obj & { user: Obj };
        if (where === 'challenge') input.challenge = bad;
        else input.user.id = bad;
        const r = outcome(() => parseAttestationOptions(input), 'options-invalid');
        if (!r.ok || !r.value) return;
        const got = where === 'challenge' ? r.value.challenge : r.value.user.id;
        // Accepted only if `bad` is base64 of exactly the bytes that go to create().
        const std = bad.replace(/=+$/, '');
        expect(/^[A-Za-z0-9_-]+$/.test(std) || /^[A-Za-z0-9+/]+$/.test(std), `accepted ${JSON.stringify(bad)}`).to.equal(true);
        expect(/=/.test(bad.replace(/=+$/, '')), 'no padding inside').to.equal(false);
        expect(Array.from(decodeB64url(got))).to.deep.equal(Array.from(atob(std.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0)));
      }),
      RUNS,
    );
  });
});

describe('parseStartResponse (property-based)', () => {
  const startResponse = fc.record(
    {
      attestationOptions: fc.oneof(fc.constant(''), fc.tuple(options, fc.nat(3)).map(([o, i]) => shapes(o as Obj)[i]), fc.jsonValue()),
      variant: fc.oneof(fc.constantFrom('default', 'after-hybrid', 'after-error', 'after-passkey-removal', ''), fc.jsonValue()),
      isRestrictedBrowser: fc.oneof(fc.boolean(), fc.jsonValue()),
      autoAppend: fc.oneof(fc.boolean(), fc.jsonValue()),
      conditionalAppend: fc.oneof(fc.boolean(), fc.jsonValue()),
      expiresMs: fc.oneof(fc.integer({ min: 0, max: 2 ** 45 }), fc.double(), fc.jsonValue()),
      customData: fc.oneof(fc.dictionary(fc.string(), fc.string()), fc.jsonValue(), fc.constant({ __proto__: 'x', constructor: 'y', toString: 'z' })),
      unknownField: fc.jsonValue(),
    },
    { requiredKeys: [] },
  );

  it('any body: a checked response or api-unavailable; flags true only for true; then options-invalid at worst', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: startResponse }, { weight: 1, arbitrary: fc.jsonValue() }, { weight: 1, arbitrary: fc.anything() }), body => {
        const r = outcome(() => parseStartResponse(body), 'api-unavailable');
        if (!r.ok) return;
        const s = r.value;
        const b = body as Obj;
        expect(['default', 'after-hybrid', 'after-error']).to.include(s.variant);
        expect(s.autoAppend).to.equal(b.autoAppend === true);
        expect(s.conditionalAppend).to.equal(b.conditionalAppend === true);
        expect(s.isRestrictedBrowser).to.equal(b.isRestrictedBrowser === true);
        if (s.expiresMs !== undefined) expect(Number.isFinite(s.expiresMs) && s.expiresMs > 0).to.equal(true);
        if (s.customData !== undefined) {
          expect(Object.getPrototypeOf(s.customData)).to.equal(Object.prototype);
          for (const [k, v] of Object.entries(s.customData)) expect(v, `customData.${k}`).to.be.a('string');
        }
        expect(typeof s.attestationOptions === 'string' || (typeof s.attestationOptions === 'object' && s.attestationOptions !== null)).to.equal(true);
        // The start response feeds the options gate: the two together never throw anything else.
        const o = outcome(() => parseAttestationOptions(s.attestationOptions), 'options-invalid');
        if (o.ok && o.value) assertSafeForCreate(o.value, s.attestationOptions);
      }),
      { numRuns: 600 },
    );
  });

  it('the start body as text, cut off anywhere, never parses into a usable response by accident', () => {
    fc.assert(
      fc.property(startResponse, fc.nat(), (body, n) => {
        const text = JSON.stringify(body);
        const cut = text.slice(0, n % text.length);
        let json: unknown;
        try {
          json = JSON.parse(cut);
        } catch {
          return; // the client reports a body that is not JSON as api-unavailable before parsing
        }
        const r = outcome(() => parseStartResponse(json), 'api-unavailable');
        if (r.ok) expect(json).to.be.an('object'); // a cut that still parses is a complete object
      }),
      RUNS,
    );
  });
});
