/**
 * Property-based tests (fast-check) of the two gates between the server and
 * `navigator.credentials.create()`: `parseStartResponse` and `parseAttestationOptions`.
 * Inputs: valid options made up from random parts, the same with members deleted, retyped or
 * replaced, random JSON values and text, and valid JSON text cut off anywhere.
 * Properties: nothing but a `CorbadoAppendError` with one of the design's codes is ever thrown,
 * and whatever is accepted is safe to hand to `create()` (canonical base64url challenge of
 * ≥ 16 bytes and user.id of 1–64 bytes, at least one public-key algorithm, …).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { parseStartResponse } from '../../src/api/validate.js';
import { CorbadoAppendError, type CorbadoAppendErrorCode } from '../../src/errors.js';
import { parseAttestationOptions } from '../../src/webauthn/options.js';
import { anyAttestationOptions, canonicalBytes, decodeB64url, nearB64, options, shapes, validOptions, type Obj } from './arbitraries.js';

/** docs/design.md "Errors": the closed set. */
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

// ── the properties ────────────────────────────────────────────────────────

/** Runs `fn`; a throw must be a CorbadoAppendError with a code of the design (and `allowed` when given). */
function outcome<T>(fn: () => T, allowed: CorbadoAppendErrorCode): { ok: true; value: T } | { ok: false; code: string } {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (!(e instanceof CorbadoAppendError)) throw new Error(`threw ${String((e as Error)?.name)}: ${String((e as Error)?.message ?? e)}`);
    assert.ok(CODES.includes(e.code), `${e.code}: a code of the design`);
    assert.equal(e.code, allowed);
    return { ok: false, code: e.code };
  }
}

/** Everything `create()` needs from checked options (WebAuthn L3 §5.4) holds. */
function assertSafeForCreate(o: PublicKeyCredentialCreationOptionsJSON, input: unknown): void {
  const why = JSON.stringify(input)?.slice(0, 400);
  const challenge = canonicalBytes(o.challenge);
  assert.ok(typeof challenge === 'number' && challenge >= 16, `challenge ${o.challenge} canonical base64url ≥ 16 bytes; input ${why}`);
  const userId = canonicalBytes(o.user?.id);
  assert.ok(
    typeof userId === 'number' && userId >= 1 && userId <= 64,
    `user.id ${o.user?.id} canonical base64url 1–64 bytes; input ${why}`,
  );
  assert.equal(typeof o.user.name, 'string', 'user.name');
  assert.equal(typeof o.user.displayName, 'string', 'user.displayName');
  assert.equal(typeof o.rp.name, 'string', 'rp.name');
  if ('id' in o.rp) assert.ok(typeof o.rp.id === 'string' && o.rp.id !== '', 'rp.id present → non-empty string');
  assert.ok(o.pubKeyCredParams.length > 0, 'a public-key algorithm');
  for (const p of o.pubKeyCredParams) {
    assert.equal(p.type, 'public-key');
    // COSEAlgorithmIdentifier is a WebIDL `long`: what the server sent is what create() gets.
    assert.ok(Number.isInteger(p.alg) && p.alg >= -(2 ** 31) && p.alg < 2 ** 31, `alg ${p.alg} a 32-bit integer`);
  }
  if (o.timeout !== undefined) assert.ok(o.timeout > 0 && Number.isFinite(o.timeout), `timeout ${o.timeout}`);
  for (const d of o.excludeCredentials ?? []) {
    assert.equal(d.type, 'public-key');
    const id = canonicalBytes(d.id);
    assert.ok(typeof id === 'number' && id >= 1, `excludeCredentials id ${d.id}`);
    for (const t of d.transports ?? []) assert.equal(typeof t, 'string');
  }
  // Nothing from a foreign prototype or a non-JSON value slipped through.
  assert.doesNotThrow(() => JSON.stringify(o));
}

describe('parseAttestationOptions (property-based)', () => {
  it('valid options in any shape and spelling are accepted, with the same bytes', () => {
    fc.assert(
      fc.property(validOptions, fc.nat(3), (o, i) => {
        const parsed = parseAttestationOptions(shapes(o as Obj)[i]);
        assert.notEqual(parsed, null);
        assertSafeForCreate(parsed!, o);
        const bytes = (s: string) => Array.from(decodeB64url(s.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')));
        assert.deepEqual(bytes(parsed!.challenge), bytes(o.challenge));
        assert.deepEqual(bytes(parsed!.user.id), bytes(o.user.id));
      }),
      RUNS,
    );
  });

  it('any input: accepted → safe for create(), otherwise options-invalid — never another exception', () => {
    fc.assert(
      fc.property(anyAttestationOptions, (input) => {
        const r = outcome(() => parseAttestationOptions(input), 'options-invalid');
        if (!r.ok) return;
        if (r.value === null) {
          assert.equal(input, '', 'null only for ""');
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
        assert.ok(/^[A-Za-z0-9_-]+$/.test(std) || /^[A-Za-z0-9+/]+$/.test(std), `accepted ${JSON.stringify(bad)}`);
        assert.equal(/=/.test(bad.replace(/=+$/, '')), false, 'no padding inside');
        assert.deepEqual(
          Array.from(decodeB64url(got)),
          Array.from(atob(std.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
        );
      }),
      RUNS,
    );
  });
});

describe('parseStartResponse (property-based)', () => {
  const startResponse = fc.record(
    {
      attestationOptions: fc.oneof(
        fc.constant(''),
        fc.tuple(options, fc.nat(3)).map(([o, i]) => shapes(o as Obj)[i]),
        fc.jsonValue(),
      ),
      variant: fc.oneof(fc.constantFrom('default', 'after-hybrid', 'after-error', 'after-passkey-removal', ''), fc.jsonValue()),
      isRestrictedBrowser: fc.oneof(fc.boolean(), fc.jsonValue()),
      autoAppend: fc.oneof(fc.boolean(), fc.jsonValue()),
      conditionalAppend: fc.oneof(fc.boolean(), fc.jsonValue()),
      expiresMs: fc.oneof(fc.integer({ min: 0, max: 2 ** 45 }), fc.double(), fc.jsonValue()),
      customData: fc.oneof(
        fc.dictionary(fc.string(), fc.string()),
        fc.jsonValue(),
        fc.constant({ __proto__: 'x', constructor: 'y', toString: 'z' }),
      ),
      unknownField: fc.jsonValue(),
    },
    { requiredKeys: [] },
  );

  it('any body: a checked response or api-unavailable; flags true only for true; then options-invalid at worst', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 4, arbitrary: startResponse },
          { weight: 1, arbitrary: fc.jsonValue() },
          { weight: 1, arbitrary: fc.anything() },
        ),
        (body) => {
          const r = outcome(() => parseStartResponse(body), 'api-unavailable');
          if (!r.ok) return;
          const s = r.value;
          const b = body as Obj;
          assert.ok(['default', 'after-hybrid', 'after-error'].includes(s.variant), `variant ${s.variant}`);
          assert.equal(s.autoAppend, b.autoAppend === true);
          assert.equal(s.conditionalAppend, b.conditionalAppend === true);
          assert.equal(s.isRestrictedBrowser, b.isRestrictedBrowser === true);
          if (s.expiresMs !== undefined) assert.ok(Number.isFinite(s.expiresMs) && s.expiresMs > 0, `expiresMs ${s.expiresMs}`);
          if (s.customData !== undefined) {
            assert.equal(Object.getPrototypeOf(s.customData), Object.prototype);
            for (const [k, v] of Object.entries(s.customData)) assert.equal(typeof v, 'string', `customData.${k}`);
          }
          assert.ok(
            typeof s.attestationOptions === 'string' || (typeof s.attestationOptions === 'object' && s.attestationOptions !== null),
            'attestationOptions: text or an object',
          );
          // The start response feeds the options gate: the two together never throw anything else.
          const o = outcome(() => parseAttestationOptions(s.attestationOptions), 'options-invalid');
          if (o.ok && o.value) assertSafeForCreate(o.value, s.attestationOptions);
        },
      ),
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
        // A cut that still parses is a complete object.
        if (r.ok) assert.ok(typeof json === 'object' && json !== null && !Array.isArray(json), `an object: ${cut}`);
      }),
      RUNS,
    );
  });
});
