/**
 * Test helpers: an emulator on an ephemeral port, small HTTP clients, and a software
 * authenticator that makes real `none` attestations (P-256) for creation options.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before } from 'node:test';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';
import { connectEmulator } from '../../emulator/client.js';
import { createEmulator } from '../../emulator/core.js';

/**
 * Start an emulator behind a plain http server on 127.0.0.1:<ephemeral>.
 * @param {import('../../emulator/core.js').EmulatorOptions} [opts]
 */
export async function startEmulator(opts) {
  const emulator = createEmulator(opts);
  const server = createServer(async (req, res) => {
    if (!(await emulator.handle(req, res))) res.writeHead(404).end('not ours');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    emulator,
    server,
    base: `http://localhost:${port}`,
    port,
    async close() {
      emulator.reset();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * One emulator for the whole test file: started before its first test, closed after its last.
 * `fresh()` is a client for a new project (`client(base, newProjectId(), origin)`).
 * @param {import('../../emulator/core.js').EmulatorOptions} [opts]
 */
export function emulatorForFile(opts) {
  /** @type {Awaited<ReturnType<typeof startEmulator>> | undefined} */
  let emu;
  before(async () => (emu = await startEmulator(opts)));
  after(() => emu?.close());
  const started = () => {
    if (!emu) throw new Error('emulatorForFile: not started yet (use it inside a test)');
    return emu;
  };
  return {
    get base() {
      return started().base;
    },
    get emulator() {
      return started().emulator;
    },
    /** @param {string} [origin] */
    fresh: (origin) => client(started().base, newProjectId(), origin),
  };
}

/** The Frontend API's paths, and the smallest init body. */
export const INIT = '/v2/connect/append/init';
export const START = '/v2/connect/append/start';
export const FINISH = '/v2/connect/append/finish';
export const EVENTS = '/v2/connect/events';
export const initBody = Object.freeze({ clientInformation: {}, flags: {} });

let projectCounter = 0;
/** A fresh project id per call, so tests never share state. */
export const newProjectId = () => `pro-test-${process.pid}-${++projectCounter}`;

/**
 * A client for one project: `/v2` calls with the Corbado headers, `/emulator` calls with `?projectId=`
 * — raw (`demo`, `scenario`: the routes' own answers, for the tests of those routes), or through
 * the one `/emulator/*` client (`emulator`, `token`) that the kit, the bench and the playground use.
 * @param {string} base e.g. http://localhost:1234
 * @param {string} projectId
 * @param {string} [origin] Origin header of the "page" (default: `base`)
 */
export function client(base, projectId, origin = base) {
  const emulator = connectEmulator(base, { projectId });
  return {
    projectId,
    origin,
    emulator,
    /**
     * @param {string} path e.g. /v2/connect/append/init
     * @param {unknown} body JSON body (a string is sent as is)
     * @param {{processId?: string, headers?: Record<string, string>, signal?: AbortSignal}} [opts]
     */
    async api(path, body, { processId, headers = {}, signal } = {}) {
      const res = await fetch(base + path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-corbado-projectid': projectId,
          origin,
          ...(processId ? { 'x-corbado-process-id': processId } : {}),
          ...headers,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        signal,
      });
      return decode(res);
    },
    /**
     * @param {string} method
     * @param {string} path e.g. /emulator/scenario
     * @param {unknown} [body]
     */
    async demo(method, path, body) {
      const res = await fetch(`${base}${path}?projectId=${projectId}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return decode(res);
    },
    /** @param {import('../../emulator/contract.js').MintAppendTokenOptions} [opts] */
    token: (opts) => emulator.mintAppendToken(opts),
    /** @param {Record<string, unknown>} patch the raw `PUT /emulator/scenario` answer */
    async scenario(patch) {
      return this.demo('PUT', '/emulator/scenario', patch);
    },
    /** init → processID */
    async init(clientInformation = {}) {
      return (await this.api(INIT, { clientInformation, flags: {} })).json;
    },
    /**
     * init + token + start, for the flow tests; returns the process id and the start response.
     * @param {Record<string, unknown>} [startBody] extra start fields
     * @param {import('../../emulator/contract.js').MintAppendTokenOptions} [tokenOpts] body of /emulator/append-token
     */
    async initAndStart(startBody = {}, tokenOpts) {
      const { processID } = await this.init();
      const appendTokenValue = await this.token(tokenOpts);
      const start = await this.api(START, { appendTokenValue, loadedMs: Date.now(), ...startBody }, { processId: processID });
      return { processID, start };
    },
  };
}

/**
 * Run a full append (init, start, software attestation, finish).
 * @param {ReturnType<typeof client>} c
 * @param {{aaguid?: string, completionType?: string, customData?: Record<string, string>}} [opts]
 */
export async function appendFlow(c, { aaguid, completionType = 'manual', customData } = {}) {
  const { processID, start } = await c.initAndStart();
  const options = JSON.parse(start.json.attestationOptions).publicKey;
  const attestation = attest(options, { origin: c.origin, aaguid });
  const finish = await c.api(
    FINISH,
    { attestationResponse: JSON.stringify(attestation), completionType, customData },
    { processId: processID },
  );
  return { processID, start, options, attestation, finish };
}

/** @param {Response} res */
async function decode(res) {
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/**
 * Assert-friendly check of the Corbado error body shape.
 * @param {any} body
 */
export function isCorbadoError(body) {
  return (
    typeof body?.httpStatusCode === 'number' &&
    typeof body.message === 'string' &&
    /^req-\d+$/.test(body.requestData?.requestID) &&
    typeof body.runtime === 'number' &&
    typeof body.error?.type === 'string' &&
    Array.isArray(body.error.links)
  );
}

/**
 * A software authenticator: answers creation options (`attestationOptions` unwrapped) with a
 * RegistrationResponseJSON carrying a `none` attestation and a fresh ES256 key.
 * @param {any} options PublicKeyCredentialCreationOptionsJSON
 * @param {{origin: string, aaguid?: string, credentialId?: Uint8Array}} opts aaguid: UUID text
 */
export function attest(options, { origin, aaguid = '00000000-0000-0000-0000-000000000000', credentialId = randomBytes(16) }) {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const coseKey = isoCBOR.encode(
    new Map(
      /** @type {[number, number | Uint8Array][]} */ ([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, isoBase64URL.toBuffer(/** @type {string} */ (jwk.x))],
        [-3, isoBase64URL.toBuffer(/** @type {string} */ (jwk.y))],
      ]),
    ),
  );
  const signCount = new Uint8Array(4);
  const idLength = new Uint8Array([credentialId.length >> 8, credentialId.length & 0xff]);
  const authData = Buffer.concat([
    createHash('sha256').update(options.rp.id).digest(),
    Buffer.from([0x45]), // UP | UV | AT
    signCount,
    Buffer.from(aaguid.replaceAll('-', ''), 'hex'),
    idLength,
    credentialId,
    coseKey,
  ]);
  const attestationObject = isoCBOR.encode(
    new Map(
      /** @type {[string, any][]} */ ([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', new Uint8Array(authData)],
      ]),
    ),
  );
  const clientDataJSON = JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin, crossOrigin: false });
  const id = isoBase64URL.fromBuffer(new Uint8Array(credentialId));
  return {
    id,
    rawId: id,
    type: 'public-key',
    response: {
      clientDataJSON: isoBase64URL.fromUTF8String(clientDataJSON),
      attestationObject: isoBase64URL.fromBuffer(attestationObject),
      transports: ['internal', 'hybrid'],
    },
    clientExtensionResults: {},
    authenticatorAttachment: 'platform',
  };
}

/** @param {number} ms */
export const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
