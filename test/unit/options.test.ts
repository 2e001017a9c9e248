import { expect } from '@open-wc/testing';
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
  expect(err).to.be.instanceOf(CorbadoAppendError);
  expect((err as CorbadoAppendError).code).to.equal('options-invalid');
  expect((err as Error).message).to.match(why);
}

describe('parseAttestationOptions', () => {
  it('unwraps Corbado JSON text of {publicKey}', () => {
    const o = parseAttestationOptions(JSON.stringify({ publicKey: base() }))!;
    expect(o.challenge).to.equal(base().challenge);
    expect(o.rp).to.deep.equal({ id: 'localhost', name: 'Example Shop' });
    expect(o.user.id).to.equal('dXNlci0x');
    expect(o.pubKeyCredParams.map((p) => p.alg)).to.deep.equal([-7, -257]);
    expect(o.timeout).to.equal(60000);
    expect(o.extensions).to.deep.equal({ credProps: true });
  });

  it('accepts bare options and already-parsed objects of both shapes', () => {
    for (const input of [JSON.stringify(base()), base(), { publicKey: base() }]) {
      expect(parseAttestationOptions(input)!.user.name).to.equal('user@example.com');
    }
  });

  it('returns null for "" (server chose not to offer)', () => {
    expect(parseAttestationOptions('')).to.equal(null);
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
    expect(o.challenge).to.equal('AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8');
    const std = parseAttestationOptions({ ...base(), challenge: '+/+/+/+/+/+/+/+/+/+/+/==' })!;
    // 16 bytes; the last character's unused low bits are dropped: canonical base64url of the same bytes.
    expect(std.challenge).to.equal('-_-_-_-_-_-_-_-_-_-_-w');
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
    expect(o).not.to.have.property('excludeCredentials');
    expect(o).not.to.have.property('authenticatorSelection');
    expect(o).not.to.have.property('timeout');
    expect(parseAttestationOptions({ ...base(), timeout: -5 })).not.to.have.property('timeout');
    expect(parseAttestationOptions({ ...base(), timeout: 'soon' })).not.to.have.property('timeout');
  });

  it('passes unknown transports through and rejects exclude entries with broken ids', () => {
    const transports = ['internal', 'hybrid', 'cable', 'smart-card', 'future-transport'];
    const o = parseAttestationOptions({
      ...base(),
      excludeCredentials: [{ type: 'public-key', id: 'AAECAwQFBgcICQoLDA0ODw', transports }],
    })!;
    expect(o.excludeCredentials).to.deep.equal([{ type: 'public-key', id: 'AAECAwQFBgcICQoLDA0ODw', transports }]);
    expectInvalid({ ...base(), excludeCredentials: [{ type: 'public-key', id: 'not base64!' }] }, /excludeCredentials/);
    expectInvalid({ ...base(), excludeCredentials: 'none' }, /excludeCredentials/);
  });

  it('defaults displayName to name', () => {
    const o = parseAttestationOptions({ ...base(), user: { id: 'dXNlci0x', name: 'u@example.com' } })!;
    expect(o.user.displayName).to.equal('u@example.com');
  });
});

describe('toBase64url', () => {
  it('counts decoded bytes and refuses mixed alphabets or impossible lengths', () => {
    expect(toBase64url('AAAA')).to.deep.equal({ value: 'AAAA', bytes: 3 });
    expect(toBase64url('AAE')).to.deep.equal({ value: 'AAE', bytes: 2 });
    expect(toBase64url('AAAAA')).to.equal(undefined);
    expect(toBase64url('a-b+')).to.equal(undefined);
    expect(toBase64url('====')).to.equal(undefined);
    expect(toBase64url(7)).to.equal(undefined);
  });
});

describe('rpIdFitsHost', () => {
  it('accepts the host itself or a registrable suffix, nothing else', () => {
    expect(rpIdFitsHost(undefined, 'shop.example.com')).to.equal(true);
    expect(rpIdFitsHost('localhost', 'localhost')).to.equal(true);
    expect(rpIdFitsHost('example.com', 'shop.example.com')).to.equal(true);
    expect(rpIdFitsHost('Example.COM', 'shop.example.com')).to.equal(true);
    expect(rpIdFitsHost('ample.com', 'shop.example.com')).to.equal(false);
    expect(rpIdFitsHost('evil.com', 'localhost')).to.equal(false);
    expect(rpIdFitsHost('com', 'example.com')).to.equal(false);
  });
});
