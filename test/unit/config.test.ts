import { expect } from '@open-wc/testing';
import { resolveApiBaseUrl } from '../../src/api/config.js';
import { CorbadoAppendError } from '../../src/errors.js';

const fails = (projectId: string | undefined, url?: string) => {
  try {
    resolveApiBaseUrl(projectId, url);
  } catch (e) {
    return e instanceof CorbadoAppendError && e.code === 'config-invalid';
  }
  return false;
};

describe('resolveApiBaseUrl', () => {
  it('derives the Corbado URL from a project id', () => {
    expect(resolveApiBaseUrl('pro-1234567890')).to.equal('https://pro-1234567890.frontendapi.corbado.io');
  });
  it('refuses project ids that are not one DNS label', () => {
    for (const id of [
      undefined,
      '',
      'evil.com/x',
      'pro-1@attacker.com',
      'a.b',
      'PRO-1',
      '-pro',
      'pro-',
      'x'.repeat(64),
      'pro 1',
      'pro-1#',
    ]) {
      expect(fails(id), String(id)).to.equal(true);
    }
  });
  it('says whether project-id is missing or malformed', () => {
    const message = (id?: string) => {
      try {
        resolveApiBaseUrl(id);
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect([message(undefined), message('')]).to.deep.equal(['project-id: missing', 'project-id: missing']);
    expect(message('PRO-1')).to.equal('project-id: not one DNS label [a-z0-9-]');
  });
  it('takes https URLs anywhere and http only on loopback', () => {
    expect(resolveApiBaseUrl('pro-1', 'https://auth.example.com/')).to.equal('https://auth.example.com');
    expect(resolveApiBaseUrl('pro-1', 'http://localhost:8787')).to.equal('http://localhost:8787');
    expect(resolveApiBaseUrl('pro-1', 'http://127.0.0.1:8787')).to.equal('http://127.0.0.1:8787');
    expect(resolveApiBaseUrl('pro-1', 'http://[::1]:8787')).to.equal('http://[::1]:8787');
    for (const url of [
      'http://example.com',
      'http://localhost.evil.com',
      'javascript:alert(1)',
      'ftp://x',
      '//evil.com',
      'https://u:p@x.com',
      'https://x.com/?a=1',
      'nonsense',
    ]) {
      expect(fails('pro-1', url), url).to.equal(true);
    }
  });
});
