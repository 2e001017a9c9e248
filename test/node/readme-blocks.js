// @ts-check
/**
 * README.md's code blocks and what each claims. A block is preceded by a marker comment:
 *
 *   <!-- test: file examples/embed/index.html -->   the block is that file, verbatim
 *   <!-- test: excerpt examples/react/main.tsx -->   the block is lines of that file (indentation aside);
 *                                                   a line `// …` (or `<!-- … -->`) skips lines
 *   <!-- test: embed -->        the "Embed in 2 minutes" commands (run by test/e2e/readme-embed.spec.ts)
 *   <!-- test: curl -->         curl commands against `npm run emulator` (run by test/node/readme.test.js)
 *   <!-- test: npm -->          npm commands; each script they name exists
 *   <!-- test: real-project --> needs a real Corbado project or a published package: not run here
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * @typedef {object} Block
 * @property {string} lang the fence's info string (`sh`, `html`, …; '' for none)
 * @property {string} code the block's text, without the fences, ending without a newline
 * @property {number} line 1-based line of the opening fence
 * @property {string | undefined} kind the marker's kind (`file`, `excerpt`, …), if any
 * @property {string | undefined} arg the marker's argument (a path), if any
 */

/** @param {string} [text] README text (default: README.md) @returns {Block[]} */
export function readmeBlocks(text = readFileSync(`${ROOT}README.md`, 'utf8')) {
  const lines = text.split('\n');
  /** @type {Block[]} */
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`README.md:${i + 1}: unclosed code block`);
    let m = i - 1;
    while (m >= 0 && lines[m].trim() === '') m--;
    const marker = m >= 0 ? /^<!-- test: (\S+)(?: (\S+))?.*-->$/.exec(lines[m].trim()) : null;
    blocks.push({ lang: open[1], code: lines.slice(i + 1, end).join('\n'), line: i + 1, kind: marker?.[1], arg: marker?.[2] });
    i = end;
  }
  return blocks;
}

/** A line that stands for lines left out of an excerpt. @param {string} line */
const isGap = (line) => /^\s*(\/\/|<!--|#)\s*…/.test(line);

/** Lines without their common leading indentation (blank lines ignored for the indent). @param {string[]} lines */
function dedent(lines) {
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
}

/**
 * Whether `excerpt` is made of runs of lines of `source`, in order (each run compared without its
 * common indentation; `// …` between runs skips any number of lines).
 * @param {string} source @param {string} excerpt
 * @returns {string | undefined} undefined when it is, else the first run that is not found
 */
export function missingRun(source, excerpt) {
  const file = source.split('\n');
  /** @type {string[][]} */
  const runs = [[]];
  for (const line of excerpt.split('\n')) {
    if (isGap(line)) runs.push([]);
    else runs[runs.length - 1].push(line);
  }
  let from = 0;
  for (const run of runs.filter((r) => r.length > 0)) {
    const want = dedent(run).join('\n');
    let at = -1;
    for (let i = from; i + run.length <= file.length && at < 0; i++) {
      if (dedent(file.slice(i, i + run.length)).join('\n') === want) at = i;
    }
    if (at < 0) return want;
    from = at + run.length;
  }
  return undefined;
}

/**
 * The shell commands of a block: one a line, comments and blank lines dropped.
 * @param {string} code
 */
export const commands = (code) =>
  code
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l && !l.startsWith('#'));
