/**
 * Helpers for the adversarial tests: the model's world (test/model/world.ts, used as it is) with
 * the defaults of test/model/examples.test.ts, plus a few behaviours the world never produces.
 * Nothing in test/model/ is changed; these are subclasses.
 */
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { DEFAULT_READINGS } from '../../emulator/model.js';
import { Checker } from '../model/property.js';
import { World, type Element, type SheetRecord, type Tab, type WorldOptions } from '../model/world.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

export const defaults = (over: Partial<WorldOptions> = {}): WorldOptions => ({
  readings: DEFAULT_READINGS,
  locks: true,
  dateHeader: true,
  ttlMs: 5 * MINUTE,
  processTtlMs: 60 * MINUTE,
  deviceOffsetMs: 0,
  autoAppend: false,
  conditionalAppend: false,
  conditionalCreate: false,
  webkit: false,
  signal: 'promise',
  faults: { init: [], start: [], finish: [], events: [] },
  ...over,
});

export const world = (over: Partial<WorldOptions> = {}) => new World(defaults(over));

/**
 * A browser that can lose the race with an abort: a ceremony whose outcome the authenticator had
 * already decided when the flow called `abort()` still delivers it (WebAuthn: an abort after the
 * operation finished changes nothing). The flow itself expects this ("A credential that arrives
 * after its ceremony was aborted is finished all the same", README "Finish rules"); the model's
 * world never produces it (its abort always wins).
 */
export class RacyWorld extends World {
  /** Sheets the authenticator has already completed: an abort of them comes too late. */
  readonly decided = new Set<SheetRecord>();

  override ceremony(el: Element, options: PublicKeyCredentialCreationOptionsJSON, conditional: boolean) {
    const c = super.ceremony(el, options, conditional);
    const sheet = this.sheets.at(-1)!;
    return {
      ...c,
      abort: () => {
        if (this.decided.has(sheet)) return; // too late: the credential is on its way
        c.abort();
      },
    };
  }
}

/**
 * A Corbado server (or a proxy in front of it) whose start answers carry `excludeCredentials:
 * null` — the shape of ../shared/cases S10 ("optional members null or missing"), which the
 * element treats as valid, usable options.
 */
export class NullExcludeWorld extends World {
  override async fetch(tab: Tab, url: string | URL | Request, init?: RequestInit): Promise<Response> {
    const res = await super.fetch(tab, url, init);
    if (!String(url).endsWith('/start') || res.status !== 200) return res;
    const body = (await res.json()) as { attestationOptions: string };
    if (body.attestationOptions) {
      const o = JSON.parse(body.attestationOptions) as { publicKey: Record<string, unknown> };
      o.publicKey.excludeCredentials = null;
      body.attestationOptions = JSON.stringify(o);
    }
    return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
  }
}

/** The project's own invariant checker (test/model/property.ts) on `w`. */
export const check = (w: World) => new Checker(w);
