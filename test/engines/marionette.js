// @ts-check
/**
 * A minimal client of Firefox's Marionette server (the remote protocol Firefox starts with
 * `--marionette`), for the WebDriver "Virtual Authenticators" commands that WebDriver BiDi lacks.
 *
 * Wire format (Marionette protocol 3): every message is `<byte length>:<JSON>`. The server first
 * sends a hello object (`{applicationType, marionetteProtocol}`); a command is
 * `[0, messageId, "<command>", {params}]`, its reply `[1, messageId, error|null, result]`.
 * `WebAuthn:*` commands work on this side connection while a BiDi session drives the pages (no
 * `WebDriver:NewSession`: Firefox allows one WebDriver session, and BiDi holds it).
 *
 *   const m = await connectMarionette(port);
 *   const { value: authenticatorId } = await m.send('WebAuthn:AddVirtualAuthenticator', {...});
 */
import { connect } from 'node:net';

/**
 * @typedef {{ send(command: string, params?: object): Promise<any>; close(): void; readonly closed: boolean }} Marionette
 */

/** Connects to Marionette on `127.0.0.1:port` and waits for its hello. @returns {Promise<Marionette>} */
export function connectMarionette(/** @type {number} */ port) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    /** @type {Map<number, {resolve(v: any): void; reject(e: Error): void}>} */
    const waiting = new Map();
    let buffer = Buffer.alloc(0);
    let nextId = 0;
    let closed = false;
    /** @type {Marionette} */
    const client = {
      get closed() {
        return closed;
      },
      send(command, params = {}) {
        if (closed) return Promise.reject(new Error(`marionette: connection closed (${command})`));
        const id = ++nextId;
        const body = Buffer.from(JSON.stringify([0, id, command, params]));
        socket.write(Buffer.concat([Buffer.from(`${body.length}:`), body]));
        return new Promise((ok, fail) => waiting.set(id, { resolve: ok, reject: fail }));
      },
      close: () => socket.end(),
    };
    const onMessage = (/** @type {any} */ message) => {
      if (!Array.isArray(message)) return resolve(client); // the hello
      const [, id, error, result] = message;
      const waiter = waiting.get(id);
      waiting.delete(id);
      if (!waiter) return;
      if (error) waiter.reject(new Error(`marionette: ${error.error}: ${error.message}`));
      else waiter.resolve(result);
    };
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const colon = buffer.indexOf(':');
        if (colon < 0) return;
        const length = Number(buffer.subarray(0, colon).toString());
        if (buffer.length < colon + 1 + length) return;
        const json = buffer.subarray(colon + 1, colon + 1 + length).toString();
        buffer = buffer.subarray(colon + 1 + length);
        onMessage(JSON.parse(json));
      }
    });
    socket.once('error', reject);
    socket.on('close', () => {
      closed = true;
      for (const w of waiting.values()) w.reject(new Error('marionette: connection closed'));
      waiting.clear();
    });
  });
}
