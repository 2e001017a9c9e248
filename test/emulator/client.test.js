/**
 * The one `/emulator/*` client (emulator/client.js), which the kit, the browser tests, the bench
 * and the playground share: every route, its errors, and the project it speaks for.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { EmulatorError, connectEmulator } from '../../emulator/client.js';
import { DEFAULT_PROJECT_ID } from '../../emulator/contract.js';
import { defaultScenario } from '../../emulator/scenario.js';
import { appendFlow, client, emulatorForFile, newProjectId } from './helpers.js';

const emu = emulatorForFile();

describe('connectEmulator', () => {
  test('speaks for one project: scenario, token, passkeys, requests, events, reset', async () => {
    const projectId = newProjectId();
    const c = connectEmulator(`${emu.base}/some/page?x=1`, { projectId });
    assert.equal(c.url, emu.base, 'only the origin counts');
    assert.equal(c.projectId, projectId);

    assert.deepEqual(await c.getScenario(), JSON.parse(JSON.stringify(defaultScenario())));
    const scenario = await c.setScenario({ variant: 'after-hybrid', faults: { events: 'html' } });
    assert.equal(scenario.variant, 'after-hybrid');
    assert.deepEqual(scenario.faults, { events: { kind: 'html' } });
    await c.setScenario({ faults: {} });

    const token = await c.mintAppendToken({ userId: 'user-42' });
    assert.match(token, /^ctk_/);
    const raw = client(emu.base, projectId);
    await appendFlow(raw);
    const [passkey] = await c.listPasskeys();
    assert.equal(passkey?.userId, 'user-1');
    assert.deepEqual(
      (await c.listRequests()).map((r) => r.path),
      ['/v2/connect/append/init', '/v2/connect/append/start', '/v2/connect/append/finish'],
    );
    const { processID } = await raw.init();
    await raw.api('/v2/connect/events', { eventType: 'append-learn-more' }, { processId: processID });
    assert.deepEqual(
      (await c.listEvents()).map((e) => e.eventType),
      ['append-learn-more'],
    );

    assert.equal(await c.reset(), undefined);
    assert.deepEqual(await c.listPasskeys(), []);
    assert.deepEqual(await c.listRequests(), []);
    assert.equal((await c.getScenario()).variant, 'default');
  });

  test('methods need no `this`; forProject is the same emulator for another project', async () => {
    const a = connectEmulator(emu.base, { projectId: newProjectId() });
    const { setScenario, forProject } = a;
    await setScenario({ variant: 'after-error' });
    const b = forProject(newProjectId());
    assert.equal(b.url, a.url);
    assert.notEqual(b.projectId, a.projectId);
    assert.equal((await b.getScenario()).variant, 'default');
    assert.equal((await a.getScenario()).variant, 'after-error');
  });

  test('the default project is pro-local', () => {
    assert.equal(connectEmulator(emu.base).projectId, DEFAULT_PROJECT_ID);
    assert.equal(DEFAULT_PROJECT_ID, 'pro-local');
  });

  test('a refused call is an EmulatorError with the status and the Corbado error body', async () => {
    const c = connectEmulator(emu.base, { projectId: newProjectId() });
    const err = await c.setScenario(/** @type {any} */ ({ colour: 'red', faults: { finish: 'http-999' } })).catch((e) => e);
    assert.ok(err instanceof EmulatorError);
    assert.equal(err.name, 'EmulatorError');
    assert.equal(err.status, 400);
    assert.match(err.message, /^PUT \/emulator\/scenario: HTTP 400: /);
    assert.match(err.message, /colour: unknown scenario field/);
    assert.equal(/** @type {any} */ (err.body).error.type, 'validation_error');
  });

  test("someone else's server (not JSON) is an EmulatorError without a body", async () => {
    const other = createServer((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>'));
    await new Promise((resolve) => other.listen(0, '127.0.0.1', () => resolve(undefined)));
    try {
      const { port } = /** @type {import('node:net').AddressInfo} */ (other.address());
      const err = await connectEmulator(`http://127.0.0.1:${port}`)
        .listPasskeys()
        .catch((e) => e);
      assert.ok(err instanceof EmulatorError);
      assert.equal(err.status, 502);
      assert.equal(err.body, undefined);
      assert.match(err.message, /^GET \/emulator\/credentials: HTTP 502: Bad Gateway$/);
    } finally {
      other.close();
    }
  });

  test('a project id that is not one DNS label, or a base that is not a URL, is refused at once', () => {
    assert.throws(() => connectEmulator(emu.base, { projectId: 'Pro_Local' }), TypeError);
    assert.throws(() => connectEmulator(emu.base).forProject('a/b'), TypeError);
    assert.throws(() => connectEmulator('not a url'), TypeError);
  });
});
