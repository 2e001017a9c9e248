/**
 * A hostile page configuration or a hostile server:
 * - a `project-id` that is not one DNS label, or a `frontend-api-url` that is not https (http only
 *   on loopback) or carries credentials/query/fragment → `config-invalid`, and NO request leaves
 *   the page (fetch wrapper + Resource Timing entries);
 * - every server string (customData, aaguidDetails.name, error details) is rendered as text;
 * - the append token never shows up in events, console output, or any requested URL — not even
 *   when the server echoes it back in an error.
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/strings.js';
import { mintToken, uniqueProjectId } from '../helpers/emulator.js';
import { appendFixture, type AppendFixture, type FixtureOptions } from '../helpers/fixture.js';
import {
  corbadoError,
  jsonResponse,
  pause,
  safeJson,
  spyConsole,
  spyFetch,
  type FetchSpy,
  type FetchSpyOptions,
} from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';

const MARKUP = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>';

const HOSTILE_PROJECT_IDS = [
  'evil.com/',
  'a.b',
  'x@y',
  'evil.com#',
  'pro-1/../x',
  'pro-1?x=1',
  'pro-1:443',
  'PRO-1',
  '-pro',
  'pro-',
  'pro 1',
  'pro-1\n',
  'prö',
  'a'.repeat(64),
  '%2e%2e',
  '',
];
const HOSTILE_API_URLS = [
  'http://evil.example',
  'javascript:alert(1)',
  'https://user:pass@evil.example',
  'https://:pass@evil.example',
  'http://localhost:80@evil.example',
  'data:text/html,<b>x</b>',
  'ftp://evil.example',
  '//evil.example',
  'evil.example',
  'http://localhost.evil.example',
  'http://127.0.0.1.nip.io',
  'https://evil.example/?q=1',
  'https://evil.example/#x',
  'file:///etc/passwd',
  'ws://localhost:8000',
  'https://',
  ' javascript:alert(1)',
];

/** Room for a request, by any means, to show itself after the skip. */
const SETTLE_MS = 50;

describe('<corbado-append> hostile configuration', () => {
  async function expectConfigInvalid(attrs: Record<string, string>, props: Record<string, unknown> = {}) {
    const net = spyFetch();
    performance.clearResourceTimings();
    const t0 = performance.now();
    const tokenCalls: number[] = [];
    const m = await appendFixture({ authenticator: false, attrs, props, provider: async () => (tokenCalls.push(1), 'token') });
    const err = await m.event('corbado-append-error');
    expect(err.code, JSON.stringify(attrs)).to.equal('config-invalid');
    expect(await m.event('corbado-append-skip')).to.deep.equal({ status: 'skip-implicit', reason: 'error' });
    await pause(SETTLE_MS);
    expect(
      net.calls.map((c) => c.url.href),
      'fetch calls',
    ).to.deep.equal([]);
    const resources = performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime >= t0)
      .map((e) => e.name);
    expect(resources, 'nothing fetched by any means').to.deep.equal([]);
    expect(tokenCalls, 'token provider not called').to.have.length(0);
    expect(m.states()).to.deep.equal(['skipped']);
    m.remove();
    net.restore();
  }

  it('a hostile project-id → config-invalid, no request (with and without frontend-api-url)', async () => {
    for (const id of HOSTILE_PROJECT_IDS) {
      await expectConfigInvalid({ 'project-id': id });
      await expectConfigInvalid({ 'project-id': id, 'frontend-api-url': '' }); // the default https://{id}.frontendapi.corbado.io
    }
  });

  it('a hostile frontend-api-url → config-invalid, no request', async () => {
    for (const url of HOSTILE_API_URLS) await expectConfigInvalid({ 'frontend-api-url': url });
  });

  it('the same set as properties instead of attributes → config-invalid, no request', async () => {
    await expectConfigInvalid({}, { projectId: 'evil.com/' });
    await expectConfigInvalid({}, { frontendApiUrl: 'javascript:alert(1)' });
    await expectConfigInvalid({}, { frontendApiUrl: 'https://user:pw@evil.example' });
  });
});

describe('<corbado-append> hostile server strings and secrets', () => {
  /** Spies on fetch (`answer` stands in for the server) and on the console, then mounts. */
  async function mount(opts: FixtureOptions = {}, answer?: FetchSpyOptions['answer']) {
    delete (window as unknown as Record<string, unknown>).__pwned;
    const net = spyFetch({ answer });
    const console = spyConsole();
    performance.clearResourceTimings();
    const m = await appendFixture(opts);
    return { m, net, console };
  }

  function expectNoMarkupRendered(m: AppendFixture) {
    const root = m.el.shadowRoot!;
    expect(root.querySelectorAll('img, script, b, iframe'), 'no element from server text').to.have.length(0);
    expect(document.querySelectorAll('body img, body iframe'), 'nothing in the page').to.have.length(0);
    expect((window as unknown as Record<string, unknown>).__pwned, 'no script ran').to.equal(undefined);
  }

  /** The token must not be in any event, console line, or requested URL (fetch + Resource Timing). */
  function expectTokenNowhere({ m, net, console }: { m: AppendFixture; net: FetchSpy; console: { lines: string[] } }, token: string) {
    expect(token.length).to.be.greaterThan(8);
    expect(safeJson(m.events), 'events').not.to.contain(token);
    expect(console.lines.join('\n'), 'console output').not.to.contain(token);
    const urls = [...net.calls.map((c) => c.url.href), ...performance.getEntriesByType('resource').map((e) => e.name)];
    expect(urls.length).to.be.greaterThan(0);
    for (const u of urls) {
      expect(u, 'requested URL').not.to.contain(token);
      expect(decodeURIComponent(u), 'requested URL (decoded)').not.to.contain(token);
    }
    // Headers of the element's own requests (the token belongs in the start body only).
    for (const c of net.api()) for (const [k, v] of c.headers) expect(`${k}: ${v}`, 'request header').not.to.contain(token);
  }

  it('aaguidDetails.name with markup → shown as text in the success message', async () => {
    const { m } = await mount({ scenario: { aaguidName: MARKUP } });
    await m.state('ready');
    m.click('primary-button');
    const complete = await m.event('corbado-append-complete');
    expect(complete.passkeyOperation.aaguidDetails.name).to.equal(MARKUP);
    await m.state('success');
    expect(m.part('description')!.textContent).to.equal(en.successStoredIn.replace('{name}', MARKUP));
    expectNoMarkupRendered(m);
  });

  it('customData with markup → exposed and echoed as data, never rendered', async () => {
    const { m } = await mount({ scenario: { customData: { campaign: MARKUP, [MARKUP]: 'key' } } });
    const ready = await m.event('corbado-append-ready');
    expect(ready.customData).to.deep.equal({ campaign: MARKUP, [MARKUP]: 'key' });
    await m.state('ready');
    expectNoMarkupRendered(m);
    expect(m.el.shadowRoot!.textContent).not.to.contain('bold');
  });

  it('error details with markup (start and finish rejected) → text only, the fixed message shown', async () => {
    /** Answers `where` with a Corbado error full of markup. */
    const rejecting =
      (where: string): FetchSpyOptions['answer'] =>
      (call) =>
        call.path === `/v2/connect/append/${where}`
          ? corbadoError(400, {
              requestID: `req-${where}`,
              message: MARKUP,
              link: 'javascript:alert(1)',
              type: `validation_error ${MARKUP}`,
              details: MARKUP,
            })
          : undefined;
    const finish = await mount({}, rejecting('finish'));
    await finish.m.state('ready');
    finish.m.click('primary-button');
    const err = await finish.m.event('corbado-append-error');
    expect(err.code).to.equal('finish-failed');
    expect(err.requestId).to.equal('req-finish');
    await finish.m.state('error');
    expect(finish.m.text('message')).to.equal(en.finishFailed);
    expectNoMarkupRendered(finish.m);
    finish.m.remove();
    finish.net.restore();

    const start = await mount({}, rejecting('start'));
    const err2 = await start.m.event('corbado-append-error');
    expect(err2.code).to.equal('api-rejected');
    expect(err2.requestId).to.equal('req-start');
    await start.m.state('skipped');
    expectNoMarkupRendered(start.m);
  });

  it('the append token (attribute) never appears in events, console or URLs — full flow', async () => {
    const projectId = uniqueProjectId();
    const token = await mintToken(projectId);
    const mounted = await mount({ projectId, provider: null, attrs: { 'append-token': token } });
    const { m, net } = mounted;
    await m.state('ready');
    const start = net.api('/v2/connect/append/start')[0]!;
    expect(start.body.appendTokenValue, 'the token goes in the start body').to.equal(token);
    m.click('primary-button');
    await m.event('corbado-append-complete');
    expect(await authn.getCredentials(m.authenticatorId!)).to.have.length(1);
    expectTokenNowhere(mounted, token);
  });

  it('the token never appears even when the server echoes it in an error (start rejected, provider token)', async () => {
    const token = `tok-${crypto.randomUUID()}`;
    const echo: FetchSpyOptions['answer'] = (call) => {
      if (call.path !== '/v2/connect/append/start') return undefined;
      const sent = call.body.appendTokenValue as string;
      return corbadoError(400, {
        requestID: 'req-echo',
        message: `appendTokenValue ${sent} is invalid`,
        details: `appendTokenValue: "${sent}" is not a valid token`,
      });
    };
    const mounted = await mount({ provider: async () => token }, echo);
    const { m } = mounted;
    const err = await m.event('corbado-append-error');
    expect(err.code).to.equal('api-rejected');
    expect(err.requestId).to.equal('req-echo');
    await m.state('skipped');
    await pause(SETTLE_MS);
    expectTokenNowhere(mounted, token);
  });

  it('the token never appears when finish fails with the token echoed (errors after the offer)', async () => {
    const token = `tok-${crypto.randomUUID()}`;
    const projectId = uniqueProjectId();
    const real = await mintToken(projectId);
    // A partial error body (no message, no httpStatusCode) that refuses it: finish-failed at once.
    const echo: FetchSpyOptions['answer'] = (call) =>
      call.path === '/v2/connect/append/finish'
        ? jsonResponse(400, {
            error: { type: 'validation_error', details: `token ${token} / ${real}` },
            requestData: { requestID: `r-${real}` },
          })
        : undefined;
    const mounted = await mount({ projectId, provider: null, attrs: { 'append-token': real } }, echo);
    const { m } = mounted;
    await m.state('ready');
    m.click('primary-button');
    const err = await m.event('corbado-append-error', 8000);
    expect(err.code).to.equal('finish-failed');
    expect(err.requestId, 'kept, with the token masked').to.equal('r-[append token]');
    await m.state('error');
    expectTokenNowhere(mounted, real);
  });
});
