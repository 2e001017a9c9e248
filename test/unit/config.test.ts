/** `resolveApiBaseUrl` (src/api/config.ts): which project ids and API base URLs are taken. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
    assert.equal(resolveApiBaseUrl('pro-1234567890'), 'https://pro-1234567890.frontendapi.corbado.io');
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
      assert.equal(fails(id), true, String(id));
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
    assert.deepEqual([message(undefined), message('')], ['project-id: missing', 'project-id: missing']);
    assert.equal(message('PRO-1'), 'project-id: not one DNS label [a-z0-9-]');
  });
  it('takes https URLs anywhere and http only on loopback', () => {
    assert.equal(resolveApiBaseUrl('pro-1', 'https://auth.example.com/'), 'https://auth.example.com');
    assert.equal(resolveApiBaseUrl('pro-1', 'http://localhost:8787'), 'http://localhost:8787');
    assert.equal(resolveApiBaseUrl('pro-1', 'http://127.0.0.1:8787'), 'http://127.0.0.1:8787');
    assert.equal(resolveApiBaseUrl('pro-1', 'http://[::1]:8787'), 'http://[::1]:8787');
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
      assert.equal(fails('pro-1', url), true, url);
    }
  });
});
