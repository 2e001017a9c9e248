/**
 * Found by the second outside review of issue 19's fixes, and fixed: this story keeps it so.
 *
 * Stated mechanisms (README "Finish rules": "A credential that arrives after its ceremony was
 * aborted … is finished all the same"; finish.ts: "While it runs it holds its process, so no other
 * flow's start voids the challenge it still needs"; offer-clock.ts FINISH_MARGIN_MS: the deadline
 * comes 2 s early so a passkey made right before it still reaches the server in time) — defeated
 * because a finish does not send its attempts to its own process.
 *
 * controller.ts `#finish` sends every attempt through the flow's shared `FrontendApiClient`, whose
 * `processId` (the `X-Corbado-Process-ID` header) `initProcess` rewrites whenever the flow opens
 * another process: `undefined` while a fresh init is on its way, then the new process. `effect.processId`
 * (the options' process) is only used for the in-use mark. A finish that runs while its flow moves
 * to another process — a late passkey finished aside during a renewal on a process of its own, a
 * late-created finish while a `fresh` refresh is on its way — goes to the wrong process: the server
 * refuses it (`validation_error`: challenge not of this process, or header missing) on the first
 * attempt, and the passkey is signalled away, though its own process would have stored it.
 *
 * Sequence (default readings): process P lives 4 min, so the offer's deadline is P's end − 2 s; the
 * user opens the passkey sheet near the end and completes it 0.1 s before the deadline; the expiry
 * aborts the ceremony too late (the passkey arrives 0.2 s later); the renewal finds P dying and
 * opens a process of its own (init without process ID); the late passkey's finish goes out with
 * that header state, is refused, and is signalled away — P was alive and held its challenge.
 *
 * Second case, an ordinary finish: near the end of process P's life a refresh finds P dying and
 * opens a process of its own; that init fails (a network blip) — `ready.load-failed` keeps the old,
 * still valid offer on P, but `client.processId` is now `undefined`. The user taps, completes the
 * sheet on live options; the finish goes out without `X-Corbado-Process-ID`, is refused
 * (`validation_error`) on the first attempt: "not saved", signalled away.
 *
 * No numbered promise breaks (the refusal is real, the passkey is signalled away, "not saved" is
 * true); the stated mechanisms do, and a passkey the server would have stored is lost.
 *
 * Likelihood: low to moderate — any late passkey (a lost race with an abort: expiry, watchdog,
 * voided, a tap over a conditional create) while the flow opens or has opened another process.
 * The user just made the passkey and it is thrown away.
 *
 * Fix: give each finish its own client state — send its attempts with `effect.processId` (and the
 * base URL of the options' process), not the flow's current `client.processId`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MINUTE, PROJECT, SECOND, passkeyAtTheDeadline, processes, world } from './helpers.js';

describe('a late passkey finished while its flow opens a process of its own', () => {
  it('is sent to the process of its options (which still holds its challenge) and stored', async () => {
    const w = world({ processTtlMs: 4 * MINUTE, ttlMs: 5 * MINUTE });
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    const P = el.offer!.processId!;
    await passkeyAtTheDeadline(w, el);
    const passkey = w.made[0]!;
    const finishes = w.log.filter((l) => l.includes('→ finish ')).map((l) => l.split(' ')[4]);
    assert.ok(finishes.length > 0, 'the late passkey was finished');
    assert.deepEqual(
      finishes,
      finishes.map(() => P),
      `its attempts went to ${finishes.join(', ')}, not to its process ${P}`,
    );
    assert.ok(w.server.hasCredential(PROJECT, passkey.id), 'stored on its process');
    assert.equal(w.signalled.has(passkey.id), false);
  });

  it('an ordinary finish after a failed init of a process of its own goes to the process of its options', async () => {
    const w = world({ processTtlMs: 4 * MINUTE, ttlMs: 5 * MINUTE, faults: { init: ['ok', 'drop'], start: [], finish: [], events: [] } });
    const el = w.addElement(w.openTab(w.users[0]!));
    // Wait for the refresh that finds the process dying and whose init is lost.
    for (let i = 0; i < 240; i++) {
      await w.advance(SECOND);
      const s = el.controller.state as { name: string; refreshing?: boolean };
      if (processes(w, 'init').length === 2 && s.name === 'ready' && !s.refreshing) break;
    }
    const offer = el.offer!;
    const sheet = w.openSheet(el)!;
    assert.equal(w.server.challengeStatus(PROJECT, sheet.options.challenge), 'live', 'create() on live options');
    await w.advance(1500);
    w.answer(sheet, 'complete');
    await w.advance(5 * SECOND);
    const passkey = w.made[0]!;
    const finishes = processes(w, 'finish');
    assert.deepEqual(
      finishes,
      finishes.map(() => offer.processId),
      `its attempts went to ${finishes.join(', ')} (- = no header)`,
    );
    assert.ok(w.server.hasCredential(PROJECT, passkey.id), 'stored');
    assert.equal(w.signalled.has(passkey.id), false);
  });
});
