/**
 * Speaking the Frontend API the way Corbado's own client does, in real Chromium against the
 * emulator: the process kept in localStorage (Corbado's keys) and reused on the next load, init's
 * `frontendApiUrl` followed only under the safety rule, and Corbado's `clientState` on complete.
 */
import { expect } from '@open-wc/testing';
import { getRequests, resetProject } from '../helpers/emulator.js';
import { appendFixture, testAuthenticator } from '../helpers/fixture.js';
import { skewClock, spyFetch } from '../helpers/spies.js';

const INIT = '/v2/connect/append/init';
const paths = async (projectId: string) => (await getRequests(projectId)).map((r) => r.path);

describe("Corbado's client state", () => {
  it('a second load within the process lifetime sends no init: start goes out with the kept process ID', async () => {
    const first = await appendFixture();
    await first.state('ready');
    const kept = JSON.parse(localStorage.getItem(`cbo_connect_process-${first.projectId}`)!);
    expect(kept.appendData.expiresAt, 'unix seconds').to.be.within(Date.now() / 1000, Date.now() / 1000 + 86_400);
    expect(kept.frontendApiUrl).to.equal(location.origin);
    await first.leave(); // a second visit, not a second element beside a flow that holds the process

    const second = await appendFixture({ projectId: first.projectId });
    await second.state('ready');
    const requests = await getRequests(first.projectId);
    expect(requests.map((r) => r.path)).to.deep.equal([INIT, '/v2/connect/append/start', '/v2/connect/append/start']);
    expect(requests[2]!.processId).to.equal(kept.id);
    second.click('primary-button');
    expect((await second.event('corbado-append-complete')).status, 'the kept process finishes').to.equal('complete');
  });

  it('a kept process the server no longer knows (emulator reset): start refused, init afresh, the offer, a passkey', async () => {
    const first = await appendFixture();
    await first.state('ready');
    const stale = JSON.parse(localStorage.getItem(`cbo_connect_process-${first.projectId}`)!).id;
    await first.leave();
    await resetProject(first.projectId); // the server forgets every process

    const second = await appendFixture({ projectId: first.projectId });
    await second.state('ready');
    const requests = await getRequests(first.projectId);
    expect(requests.map((r) => r.path)).to.deep.equal(['/v2/connect/append/start', INIT, '/v2/connect/append/start']);
    expect(requests[0]!.processId, 'the stale process first').to.equal(stale);
    expect(requests[1]!.processId ?? null, 'then init with none').to.equal(null);
    const kept = JSON.parse(localStorage.getItem(`cbo_connect_process-${first.projectId}`)!).id;
    expect(kept, 'the new process is kept').to.not.equal(stale);
    second.click('primary-button');
    expect((await second.event('corbado-append-complete')).status).to.equal('complete');
  });

  it('a foreign or plain-http frontendApiUrl from init is not followed: no request goes to it', async () => {
    for (const foreign of ['https://evil.example', 'http://frontendapi.corbado.io']) {
      const net = spyFetch();
      const m = await appendFixture({ scenario: { frontendApiUrl: foreign } });
      await m.state('ready');
      expect(
        net.calls.filter((c) => c.url.origin === new URL(foreign).origin),
        foreign,
      ).to.deep.equal([]);
      expect(await paths(m.projectId)).to.include('/v2/connect/append/start');
      net.restore();
      m.remove();
    }
  });

  it("init's flags go back in the next init, with the kept process ID, once the process expired", async () => {
    const first = await appendFixture({ scenario: { flags: { rollout: 'b' } } });
    await first.state('ready');
    const kept = JSON.parse(localStorage.getItem(`cbo_connect_process-${first.projectId}`)!) as {
      id: string;
      appendData: { expiresAt: number };
    };
    expect((await getRequests(first.projectId))[0]!.body).to.deep.include({ flags: {} });
    await first.leave();
    // The next visit comes after the kept process's end, by the local clock that judges what is
    // kept (no server answer to date it). The emulator's process itself lives on (1 h): one that
    // died within the test would not serve the first visit (options die with their process, and a
    // process dying within 30 s is replaced at once: src/flow/controller.ts PROCESS_MARGIN_MS).
    skewClock(kept.appendData.expiresAt * 1000 - Date.now() + 60_000);
    const second = await appendFixture({ projectId: first.projectId });
    await second.state('ready');
    const inits = (await getRequests(first.projectId)).filter((r) => r.path === INIT);
    expect(inits).to.have.length(2);
    expect((inits[1]!.body as { flags: object }).flags, 'flags round trip').to.deep.equal({ rollout: 'b' });
    expect(inits[1]!.processId, 'X-Corbado-Process-ID of the kept process').to.equal(kept.id);
  });

  it('complete carries clientState: base64 of {lastLogin, clientEnvHandle} from the kept entries', async () => {
    await testAuthenticator();
    const m = await appendFixture();
    await m.state('ready');
    m.click('primary-button');
    const { clientState, passkeyOperation } = await m.event('corbado-append-complete');
    const decoded = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(clientState as string), (c) => c.charCodeAt(0))));
    expect(decoded.lastLogin.data).to.deep.equal(passkeyOperation);
    expect(decoded.lastLogin).to.include({ source: 'LocalStorage' });
    expect(decoded.clientEnvHandle).to.deep.equal(JSON.parse(localStorage.getItem(`cbo_client_handle-${m.projectId}`)!));
  });
});
