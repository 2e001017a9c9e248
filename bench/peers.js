/**
 * The size peers (bench/peers/*.js entries), each bundled like the drop-in (scripts/bundle.js):
 * Corbado's React append component with and without React, Corbado's web-core client, Hanko's
 * elements. `measurePeers()` builds them two at a time in child processes (`node bench/peers.js
 * <index>` prints one peer's sizes as JSON): a 700 KB bundle takes terser ~20 s.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleLikeDropIn } from '../scripts/bundle.js';
import { measure } from '../scripts/size.js';
import { ROOT } from './server.js';

const OUT = `${ROOT}.bench/size`;
const version = (/** @type {string} */ pkg) => JSON.parse(readFileSync(`${ROOT}node_modules/${pkg}/package.json`, 'utf8')).version;
const pinned = (/** @type {string} */ pkg) => `${pkg}@${version(pkg)}`;
// axios (web-core's one external) as axios's own ESM build: rolldown cannot put axios's source
// entry into a single IIFE (it splits a chunk off it); the same library either way.
const AXIOS_ESM = `${ROOT}node_modules/axios/dist/esm/axios.js`;

/** @typedef {{label: string, entry: string, external?: Record<string, string>, alias?: Record<string, string>}} Peer */
/** @returns {Peer[]} */
export const peers = () => [
  { label: `${pinned('@corbado/connect-react')} CorbadoConnectAppend + React ${version('react-dom')}`, entry: 'corbado-connect-append.js' },
  {
    label: `${pinned('@corbado/connect-react')} CorbadoConnectAppend, React external`,
    entry: 'corbado-connect-append.js',
    external: { react: 'React', 'react-dom/client': 'ReactDOMClient' },
  },
  { label: `${pinned('@corbado/web-core')} ConnectService (append)`, entry: 'corbado-web-core.js', alias: { axios: AXIOS_ESM } },
  { label: `${pinned('@teamhanko/hanko-elements')} register`, entry: 'hanko-register.js' },
];

/** Bundle peer `i` and measure it (raw, gzip -9, brotli 11). @param {number} i */
async function measurePeer(i) {
  const p = peers()[i];
  const file = await bundleLikeDropIn(`${ROOT}bench/peers/${p.entry}`, `${OUT}/peer-${i}/peer.min.js`, p);
  return { label: p.label, ...measure(readFileSync(file)) };
}

/** @param {number} i @returns {Promise<Awaited<ReturnType<typeof measurePeer>>>} */
function inChild(i) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), String(i)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last));
      else reject(new Error(`bench: peer ${peers()[i].label}: exit ${code}\n${err.trim()}`));
    });
  });
}

/** Every peer, two builds at a time, in list order. */
export async function measurePeers() {
  const list = peers();
  /** @type {Awaited<ReturnType<typeof measurePeer>>[]} */
  const out = new Array(list.length);
  let next = 0;
  const worker = async () => {
    for (let i; (i = next++) < list.length;) out[i] = await inChild(i);
  };
  await Promise.all([worker(), worker()]);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await measurePeer(Number(process.argv[2]))));
}
