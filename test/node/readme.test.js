// @ts-check
/**
 * README.md works as written: each code block is marked with what it claims (readme-blocks.js),
 * quoted files and excerpts are what the tested examples contain, every npm script it names
 * exists, and its curl commands work against `npm run emulator`. The embed page itself runs in
 * test/e2e/readme-embed.spec.ts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DEMO_ROUTES } from '../../emulator/demo.js';
import { FAULT_KINDS, defaultScenario } from '../../emulator/scenario.js';
import { ROOT, commands, missingRun, readmeBlocks } from './readme-blocks.js';

const README = readFileSync(`${ROOT}README.md`, 'utf8');
const blocks = readmeBlocks(README);
const scripts = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).scripts;
/** Languages of code that runs: each block of these says how the README's claim is tested. */
const CODE = new Set(['sh', 'html', 'ts', 'tsx', 'js', 'svelte', 'vue']);

describe('README.md', () => {
  it('marks every code block with how it is tested', () => {
    const unmarked = blocks.filter((b) => CODE.has(b.lang) && !b.kind).map((b) => `line ${b.line} (${b.lang})`);
    assert.deepEqual(unmarked, []);
    const unknown = blocks.filter((b) => b.kind && !['file', 'excerpt', 'embed', 'curl', 'npm', 'real-project'].includes(b.kind));
    assert.deepEqual(unknown, []);
    for (const kind of ['file', 'excerpt', 'embed', 'curl'])
      assert.ok(
        blocks.some((b) => b.kind === kind),
        `no ${kind} block`,
      );
  });

  it('quotes whole files verbatim', () => {
    for (const b of blocks.filter((x) => x.kind === 'file')) {
      assert.equal(b.code, readFileSync(`${ROOT}${b.arg}`, 'utf8').replace(/\n$/, ''), `README.md:${b.line} is not ${b.arg}`);
    }
  });

  it('quotes excerpts that are lines of the tested examples', () => {
    for (const b of blocks.filter((x) => x.kind === 'excerpt')) {
      const missing = missingRun(readFileSync(`${ROOT}${b.arg}`, 'utf8'), b.code);
      assert.equal(missing, undefined, `README.md:${b.line}: not in ${b.arg}:\n${missing}`);
    }
  });

  it('names only npm scripts that exist', () => {
    const named = [...README.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
    for (const b of blocks.filter((x) => x.kind === 'npm')) {
      for (const cmd of commands(b.code)) named.push(...[...cmd.matchAll(/\bnpm (start|test)\b/g)].map((m) => m[1]));
    }
    assert.ok(named.length > 5, named.join(' '));
    assert.deepEqual(
      named.filter((name) => !scripts[name]),
      [],
    );
  });

  it('documents the emulator as it is: every scenario field, fault kind and demo route', () => {
    const section = README.slice(README.indexOf('## The emulator'), README.indexOf('## Layout'));
    const table = [...section.slice(section.indexOf('### Scenario')).matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(table, Object.keys(defaultScenario()));
    const kinds = section.slice(section.indexOf('Fault kinds.'));
    assert.deepEqual(
      FAULT_KINDS.filter((k) => !kinds.includes(`\`${k}\``)),
      [],
    );
    for (const [path, methods] of Object.entries(DEMO_ROUTES)) {
      for (const method of Object.keys(methods)) assert.match(section, new RegExp(`\`${method} ${path}\``), `${method} ${path}`);
    }
    assert.match(section, /default `pro-local`/);
  });

  it('its curl commands work against `npm run emulator` (default project pro-local)', async () => {
    const child = spawn('npm', ['run', '--silent', 'emulator'], { cwd: ROOT, env: { ...process.env, PORT: '0' }, detached: true });
    try {
      const port = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`emulator exited ${code}`)));
      });
      const curl = blocks.filter((b) => b.kind === 'curl').flatMap((b) => commands(b.code));
      assert.ok(curl.length >= 4);
      /** @type {string[]} */
      const answers = [];
      for (const cmd of curl) {
        assert.match(cmd, /^curl /);
        // Stricter than as written: fail on an HTTP error.
        const line = `${cmd.replaceAll('localhost:8787', `localhost:${port}`)} --fail-with-body -sS`;
        const { status, stdout, stderr } = spawnSync('bash', ['-c', line], { encoding: 'utf8' });
        assert.equal(status, 0, `${cmd}\n${stdout}${stderr}`);
        answers.push(stdout);
      }
      assert.match(answers[0], /"appendToken":"ctk_/);
      assert.equal(JSON.parse(answers[1]).variant, 'after-hybrid');
      assert.deepEqual(JSON.parse(answers[2]), { credentials: [] });
    } finally {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    }
  });
});
