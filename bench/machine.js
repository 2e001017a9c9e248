/** The machine a run measured on, and the source it measured. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { ROOT } from './server.js';

/** HEAD, and whether src/ differs from it (others may be editing the tree). */
export function sourceState() {
  const git = (/** @type {string[]} */ ...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  try {
    return { commit: git('rev-parse', '--short', 'HEAD'), srcChanged: git('status', '--porcelain', '--', 'src') !== '' };
  } catch {
    return { commit: 'unknown', srcChanged: false };
  }
}

/** @param {string} browserVersion */
export function machine(browserVersion) {
  const cpus = os.cpus();
  const debian = existsSync('/etc/debian_version') ? ` (Debian ${readFileSync('/etc/debian_version', 'utf8').trim()})` : '';
  return {
    date: new Date().toISOString(),
    cores: cpus.length,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}${debian}`,
    node: process.version,
    chromium: browserVersion,
    loadAverage: os.loadavg().map((l) => +l.toFixed(2)),
  };
}
