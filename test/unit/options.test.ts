/** `parseAttestationOptions`, `toBase64url` and `rpIdFitsHost` (src/webauthn/options.ts): the gate before `create()`. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAttestationOptions, rpIdFitsHost, toBase64url } from '../../src/webauthn/options.js';
import { CorbadoAppendError } from '../../src/errors.js';

const base = () => ({
  rp: { id: 'localhost', name: 'Example Shop' },
  user: { id: 'dXNlci0x', name: 'user@example.com', displayName: 'Example User' },
  challenge: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
  pubKeyCredParams: [
    { type: 'public-key', alg: -7 },
    { type: 'public-key', alg: -257 },
  ],
  timeout: 60000,
  excludeCredentials: [] as unknown[],
  authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  attestation: 'none',
  extensions: { credProps: true },
});

function expectInvalid(input: unknown, why: RegExp) {
  let err: unknown;
  try {
    parseAttestationOptions(input);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof CorbadoAppendError, `a CorbadoAppendError, not ${String(err)}`);
  assert.equal(err.code, 'options-invalid');
  assert.match(err.message, why);
}

describe('parseAttestationOptions', () => {
  it('unwraps Corbado JSON text of {publicKey}', () => {
    const o = parseAttestationOptions(JSON.stringify({ publicKey: base() }))!;
    assert.equal(o.challenge, base().challenge);
    assert.deepEqual(o.rp, { id: 'localhost', name: 'Example Shop' });
    assert.equal(o.user.id, 'dXNlci0x');
    assert.deepEqual(
      o.pubKeyCredParams.map((p) => p.alg),
      [-7, -257],
    );
    assert.equal(o.timeout, 60000);
    assert.deepEqual(o.extensions, { credProps: true });
  });

  it('accepts bare options and already-parsed objects of both shapes', () => {
    for (const input of [JSON.stringify(base()), base(), { publicKey: base() }]) {
      assert.equal(parseAttestationOptions(input)!.user.name, 'user@example.com');
    }
  });

  it('returns null for "" (server chose not to offer)', () => {
    assert.equal(parseAttestationOptions(''), null);
  });

  it('rejects text that is not JSON, and non-objects', () => {
    expectInvalid('{"publicKey":{"rp":{"id":"localhost","na', /not JSON/);
    expectInvalid('42', /not an object/);
    expectInvalid(null, /not an object/);
    expectInvalid([base()], /not an object/);
  });

  it('requires a base64url challenge of at least 16 bytes', () => {
    const { challenge: _c, ...noChallenge } = base();
    expectInvalid(noChallenge, /challenge/);
    expectInvalid({ ...base(), challenge: 'plain text!' }, /challenge/);
    expectInvalid({ ...base(), challenge: 'AAEC' }, /challenge/);
    expectInvalid({ ...base(), challenge: 12345 }, /challenge/);
  });

  it('normalises padded standard base64 to base64url, keeping the bytes', () => {
    const o = parseAttestationOptions({ ...base(), challenge: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=' })!;
    assert.equal(o.challenge, 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8');
    const std = parseAttestationOptions({ ...base(), challenge: '+/+/+/+/+/+/+/+/+/+/+/==' })!;
    // 16 bytes; the last character's unused low bits are dropped: canonical base64url of the same bytes.
    assert.equal(std.challenge, '-_-_-_-_-_-_-_-_-_-_-w');
  });

  it('rejects a user.id that is not base64url, empty, or over 64 bytes', () => {
    expectInvalid({ ...base(), user: { ...base().user, id: 'user@example.com' } }, /user\.id/);
    expectInvalid({ ...base(), user: { ...base().user, id: '' } }, /user\.id/);
    expectInvalid({ ...base(), user: { ...base().user, id: 'A'.repeat(88) } }, /user\.id/);
    expectInvalid({ ...base(), user: 'x' }, /user missing/);
  });

  it('requires rp.name, user.name and a public-key algorithm', () => {
    expectInvalid({ ...base(), rp: { id: 'localhost' } }, /rp\.name/);
    expectInvalid({ ...base(), user: { id: 'dXNlci0x' } }, /user\.name/);
    const { pubKeyCredParams: _p, ...noParams } = base();
    expectInvalid(noParams, /pubKeyCredParams/);
    expectInvalid({ ...base(), pubKeyCredParams: [{ type: 'password', alg: -7 }] }, /pubKeyCredParams/);
    expectInvalid({ ...base(), pubKeyCredParams: [{ type: 'public-key', alg: 'ES256' }] }, /pubKeyCredParams/);
  });

  it('drops null optional members and a timeout that is not positive', () => {
    const o = parseAttestationOptions({ ...base(), excludeCredentials: null, authenticatorSelection: null, timeout: 0 })!;
    assert.ok(!('excludeCredentials' in o));
    assert.ok(!('authenticatorSelection' in o));
    assert.ok(!('timeout' in o));
    assert.ok(!('timeout' in parseAttestationOptions({ ...base(), timeout: -5 })!));
    assert.ok(!('timeout' in parseAttestationOptions({ ...base(), timeout: 'soon' })!));
  });

  it('passes unknown transports through and rejects exclude entries with broken ids', () => {
    const transports = ['internal', 'hybrid', 'cable', 'smart-card', 'future-transport'];
    const o = parseAttestationOptions({
      ...base(),
      excludeCredentials: [{ type: 'public-key', id: 'AAECAwQFBgcICQoLDA0ODw', transports }],
    })!;
    assert.deepEqual(o.excludeCredentials, [{ type: 'public-key', id: 'AAECAwQFBgcICQoLDA0ODw', transports }]);
    expectInvalid({ ...base(), excludeCredentials: [{ type: 'public-key', id: 'not base64!' }] }, /excludeCredentials/);
    expectInvalid({ ...base(), excludeCredentials: 'none' }, /excludeCredentials/);
  });

  it('defaults displayName to name', () => {
    const o = parseAttestationOptions({ ...base(), user: { id: 'dXNlci0x', name: 'u@example.com' } })!;
    assert.equal(o.user.displayName, 'u@example.com');
  });
});

describe('toBase64url', () => {
  it('counts decoded bytes and refuses mixed alphabets or impossible lengths', () => {
    assert.deepEqual(toBase64url('AAAA'), { value: 'AAAA', bytes: 3 });
    assert.deepEqual(toBase64url('AAE'), { value: 'AAE', bytes: 2 });
    assert.equal(toBase64url('AAAAA'), undefined);
    assert.equal(toBase64url('a-b+'), undefined);
    assert.equal(toBase64url('===='), undefined);
    assert.equal(toBase64url(7), undefined);
  });
});

describe('rpIdFitsHost', () => {
  it('accepts the host itself or a registrable suffix, nothing else', () => {
    assert.equal(rpIdFitsHost(undefined, 'shop.example.com'), true);
    assert.equal(rpIdFitsHost('localhost', 'localhost'), true);
    assert.equal(rpIdFitsHost('example.com', 'shop.example.com'), true);
    assert.equal(rpIdFitsHost('Example.COM', 'shop.example.com'), true);
    assert.equal(rpIdFitsHost('ample.com', 'shop.example.com'), false);
    assert.equal(rpIdFitsHost('evil.com', 'localhost'), false);
    assert.equal(rpIdFitsHost('com', 'example.com'), false);
  });
});
