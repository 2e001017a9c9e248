// @ts-check
/**
 * WebKitGTK for web-test-runner: Debian's MiniBrowser (`libwebkit2gtk-4.1-0`) driven by
 * WebKitWebDriver (`webkit2gtk-driver`) through `@web/test-runner-webdriver`, on a virtual X
 * display (`xvfb`: without a display, session creation hangs). This WebKit has no WebAuthn at
 * all (`PublicKeyCredential` and `navigator.credentials` are undefined): the real browser for the
 * "WebAuthn unsupported" path.
 *
 * The launcher starts Xvfb (on a free display, `-displayfd`) and WebKitWebDriver (on a free port)
 * when the run begins and stops both when it ends. Paths: `WEBKIT_WEBDRIVER`, `WEBKIT_MINIBROWSER`.
 */
import { spawn } from 'node:child_process';
import { freePort } from './free-port.js';
import { webdriverLauncher } from '@web/test-runner-webdriver';

export const WEBKIT_WEBDRIVER = process.env.WEBKIT_WEBDRIVER || '/usr/bin/WebKitWebDriver';
export const WEBKIT_MINIBROWSER = process.env.WEBKIT_MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Starts Xvfb on a display it picks itself; resolves with `:N`. @param {import('node:child_process').ChildProcess[]} children */
function startXvfb(children) {
  return new Promise((resolve, reject) => {
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    children.push(xvfb);
    let out = '';
    xvfb.stdio[3]?.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it gave a display`)));
  });
}

/** Resolves once `host:port` accepts HTTP (WebKitWebDriver's /status). @param {number} port */
async function ready(port) {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/status`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`WebKitWebDriver: no answer on port ${port} after 10 s`);
}

/**
 * A web-test-runner launcher of WebKitGTK (one test file at a time, each in its own session).
 * @returns {Promise<import('@web/test-runner').BrowserLauncher>}
 */
export async function webkitLauncher() {
  const port = await freePort('127.0.0.1');
  const inner = webdriverLauncher({
    hostname: '127.0.0.1',
    port,
    path: '/',
    logLevel: 'error',
    capabilities: /** @type {any} */ ({
      browserName: 'MiniBrowser',
      // WebDriver classic: webdriverio 9 would ask for BiDi (webSocketUrl), which WebKitWebDriver refuses.
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary: WEBKIT_MINIBROWSER, args: ['--automation'] },
    }),
  });
  /** @type {import('node:child_process').ChildProcess[]} */
  const children = [];
  const stopChildren = () => children.splice(0).forEach((c) => c.exitCode === null && c.kill());
  process.once('exit', stopChildren);
  /** @type {import('@web/test-runner').BrowserLauncher} */
  const launcher = {
    name: 'WebKitGTK',
    type: inner.type,
    concurrency: 1,
    async initialize(config) {
      const display = await startXvfb(children);
      const driver = spawn(WEBKIT_WEBDRIVER, [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
      children.push(driver);
      await ready(port);
      // One file per session (SessionManager), not iframes in one page.
      await inner.initialize?.({ ...config, concurrency: 1 });
    },
    async stop() {
      await inner.stop?.();
      stopChildren();
    },
    startSession: (id, url) => inner.startSession(id, url),
    isActive: (id) => inner.isActive(id),
    getBrowserUrl: (id) => inner.getBrowserUrl(id),
    startDebugSession: (id, url) => inner.startDebugSession(id, url),
    stopSession: (id) => inner.stopSession(id),
  };
  return launcher;
}
