// @ts-check
/**
 * The framework typings bite: the Svelte and Angular examples, each with one mistake in how it uses
 * <corbado-append>, fail their own type checks (svelte-check with corbado-append/svelte; the
 * Angular CLI build with strictTemplates). The unchanged examples pass them in
 * `npm run build:examples`; these copies show the checks are not vacuous (typings gone `any`).
 *
 * The copies live in .typecheck/ inside the repository, so that `corbado-append` resolves to this
 * package (its dist/types) as it does for the examples.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const exec = promisify(execFile);

/** @type {string} */ let dir;

before(async () => {
  await mkdir(join(ROOT, '.typecheck'), { recursive: true });
  dir = await mkdtemp(join(ROOT, '.typecheck/typings-'));
  // What the examples import from beside them.
  await cp(join(ROOT, 'examples/shared'), join(dir, 'shared'), { recursive: true });
});
after(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

/**
 * Copies examples/<name> (sources only) and applies `edits` to one file.
 * @param {string} name @param {string} file @param {[string, string][]} edits [search, replacement]
 */
async function brokenCopy(name, file, edits) {
  const copy = join(dir, name);
  await cp(join(ROOT, 'examples', name), copy, { recursive: true, filter: (src) => !/[/\\](dist|node_modules|\.angular)$/.test(src) });
  let text = await readFile(join(copy, file), 'utf8');
  for (const [search, replacement] of edits) {
    assert.ok(text.includes(search), `${file} no longer contains ${search}`);
    text = text.replace(search, replacement);
  }
  await writeFile(join(copy, file), text);
  return copy;
}

/** Runs a command; resolves with its status and output. @param {string} cmd @param {string[]} args @param {string} cwd */
async function run(cmd, args, cwd) {
  try {
    const { stdout, stderr } = await exec(cmd, args, { cwd, env: { ...process.env, NG_CLI_ANALYTICS: 'false' }, maxBuffer: 16 << 20 });
    return { status: 0, output: stdout + stderr };
  } catch (err) {
    const e = /** @type {{code?: number, stdout?: string, stderr?: string}} */ (err);
    return { status: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

test('installing the Angular example from its lockfile warns of no install script (its allowScripts)', async () => {
  // A copy of package.json and lockfile alone: its node_modules links this repository in, whose
  // own dependencies npm would count too.
  const copy = join(dir, 'angular-install');
  await mkdir(copy);
  for (const f of ['package.json', 'package-lock.json']) await cp(join(ROOT, 'examples/angular', f), join(copy, f));
  const { status, output } = await run('npm', ['ci', '--dry-run', '--prefer-offline', '--loglevel', 'notice'], copy);
  assert.equal(status, 0, output);
  assert.match(output, /added \d+ packages/);
  assert.deepEqual(
    output.split('\n').filter((line) => /^npm warn/i.test(line)),
    [],
  );
});

describe('framework typings', { concurrency: true }, () => {
  test('Svelte: svelte-check refuses a bad theme and a detail field the event does not have', async () => {
    const copy = await brokenCopy('svelte', 'App.svelte', [
      ['    project-id={projectId}', '    project-id={projectId}\n    theme="blue"'],
      ['`complete:${e.detail.status}`', '`complete:${e.detail.nope}`'],
    ]);
    const { status, output } = await run(
      'npx',
      ['--no-install', 'svelte-check', '--tsconfig', join(copy, 'tsconfig.json'), '--output', 'machine'],
      ROOT,
    );
    assert.notEqual(status, 0, output);
    assert.match(output, /ERROR .*App\.svelte.*blue.*is not assignable to type .*"auto.*"light.*"dark/);
    assert.match(output, /ERROR .*App\.svelte.*Property 'nope' does not exist on type 'AppendCompleteDetail'/);
  });

  test("Angular: ng build refuses a handler for another event's detail", async () => {
    const modules = join(ROOT, 'examples/angular/node_modules');
    if (!existsSync(join(modules, 'corbado-append'))) {
      const { status, output } = await run(process.execPath, ['scripts/build-examples.js', '--only', 'angular'], ROOT);
      assert.equal(status, 0, output);
    }
    const copy = await brokenCopy('angular', 'src/app.component.ts', [
      ['(corbado-append-complete)="onComplete($event)"', '(corbado-append-complete)="onReady($event)"'],
    ]);
    await symlink(modules, join(copy, 'node_modules'), 'dir');
    const { status, output } = await run('npx', ['--no-install', 'ng', 'build'], copy);
    assert.notEqual(status, 0, output);
    assert.match(
      output,
      /TS2345: Argument of type 'CustomEvent<AppendCompleteDetail>' is not assignable to parameter of type 'CustomEvent<AppendReadyDetail>'/,
    );
  });
});
