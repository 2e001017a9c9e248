/**
 * fast-check arbitraries for the parsers between the server and `navigator.credentials.create()`
 * (test/unit/parsing.property.test.ts): base64 in every spelling a server uses, valid creation
 * options made up from random parts, mutations of them, and any input at all.
 */
import fc from 'fast-check';

// ── base64 ────────────────────────────────────────────────────────────────

export const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
export const b64url = (bytes: Uint8Array) => b64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
export const decodeB64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** Canonical base64url (RFC 4648 §5, no padding, zero trailing bits): decoding and re-encoding gives it back. */
export function canonicalBytes(s: unknown): number | undefined {
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
export const spelled = (bytes: fc.Arbitrary<Uint8Array>) =>
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
export const nearB64 = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9+/_=-]{0,90}$/),
  fc
    .tuple(spelled(fc.uint8Array({ minLength: 16, maxLength: 40 })), fc.nat(60), fc.constantFrom('!', ' ', '=', '.', '\n', 'é', '+', '_'))
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

export const validOptions = fc.record(
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
        fc.array(
          fc.oneof(
            fc.record({
              type: fc.constant('public-key'),
              alg: fc.oneof(
                fc.integer({ min: -65536, max: 65535 }),
                fc.integer(),
                fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53)),
              ),
            }),
            fc.jsonValue(),
          ),
          { maxLength: 3 },
        ),
      )
      .map(([alg, more]) => [{ type: 'public-key', alg }, ...more]),
    timeout: fc.oneof(fc.integer({ min: 1, max: 600_000 }), fc.constant(0), fc.constant(null)),
    excludeCredentials: fc.oneof(fc.array(descriptor, { maxLength: 3 }), fc.constant(null)),
    authenticatorSelection: fc.oneof(
      fc.record({
        residentKey: fc.constantFrom('required', 'preferred', 'discouraged'),
        userVerification: fc.constantFrom('required', 'preferred', 'discouraged'),
      }),
      fc.constant(null),
    ),
    attestation: fc.constantFrom('none', 'direct', 'indirect', 'enterprise'),
    extensions: fc.constant({ credProps: true }),
    hints: fc.array(fc.constantFrom('client-device', 'hybrid', 'security-key')),
  },
  { requiredKeys: ['rp', 'user', 'challenge', 'pubKeyCredParams'] },
);

export type Obj = Record<string, unknown>;
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
export const shapes = (o: Obj) => [JSON.stringify({ publicKey: o }), JSON.stringify(o), { publicKey: o }, o];

export const options = fc.oneof(
  { weight: 2, arbitrary: validOptions },
  { weight: 5, arbitrary: fc.tuple(validOptions, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([o, m]) => mutate(o as Obj, m)) },
);

/** Any input at all: mutated options in every shape, random JSON and text, cut-off JSON text. */
export const anyAttestationOptions = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(options, fc.nat(3)).map(([o, i]) => shapes(o as Obj)[i]) },
  {
    weight: 2,
    arbitrary: fc.tuple(options, fc.nat(), fc.boolean()).map(([o, n, wrap]) => {
      const text = JSON.stringify(wrap ? { publicKey: o } : o);
      return text.slice(0, n % (text.length + 1));
    }),
  },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.anything() },
);
