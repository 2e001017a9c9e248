/**
 * Languages with the built drop-in (dist/corbado-append.min.js + dist/locales/<lang>.js, `npm run
 * build`), served from `/assets/` of a page under a strict CSP with Trusted Types — the same
 * origin as the emulator. `lang="de"` makes the drop-in load `/assets/locales/de.js` (beside
 * itself) and nothing from anywhere else; a page may include a language file itself, before the
 * drop-in, and it is then not fetched again; a language not shipped loads nothing.
 */
import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addVirtualAuthenticator } from './virtual-authenticator';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'";
const EMULATOR_MODULE = '../../emulator/core.js';
interface Emulator {
  handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<boolean>;
}

/** The page: `?lang=` on the element; `&include=fr` adds `<script src="/assets/locales/fr.js">` before the drop-in. */
const page = (url: URL) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>languages</title>
${url.searchParams.get('include') ? `<script src="/assets/locales/${url.searchParams.get('include')}.js"></script>` : ''}
<script src="/assets/corbado-append.min.js" defer></script><script src="/page.js" defer></script></head>
<body><main></main></body></html>`;

/** Mounts the element (no inline script under this CSP). */
const PAGE_JS = `const q = new URLSearchParams(location.search), el = document.createElement('corbado-append');
el.setAttribute('project-id', q.get('project')); el.setAttribute('frontend-api-url', location.origin); el.lang = q.get('lang');
el.appendTokenProvider = () => fetch('/emulator/append-token?projectId=' + q.get('project'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.json()).then((r) => r.appendToken);
window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
document.querySelector('main').append(el);`;

let server: Server;
let origin: string;

test.beforeAll(async () => {
  const { createEmulator } = (await import(EMULATOR_MODULE)) as { createEmulator: () => Emulator };
  const emulator = createEmulator();
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (await emulator.handle(req, res)) return;
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type, 'content-security-policy': CSP, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/page.html') return send('text/html; charset=utf-8', page(url));
    if (url.pathname === '/page.js') return send('text/javascript', PAGE_JS);
    const asset = /^\/assets\/((?:locales\/[a-z]{2}\.js)|corbado-append\.min\.js)$/.exec(url.pathname);
    if (asset) {
      try {
        return send('text/javascript', await readFile(join(ROOT, 'dist', asset[1]!)));
      } catch {
        // not built
      }
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as import('node:net').AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let n = 0;
/** Opens the page; returns every URL it requested. */
async function open(p: Page, query: string): Promise<string[]> {
  const urls: string[] = [];
  p.on('request', (r) => urls.push(r.url()));
  await addVirtualAuthenticator(p);
  await p.goto(`${origin}/page.html?project=pro-lang-${process.pid}-${++n}&${query}`);
  await expect(p.locator('corbado-append')).toHaveAttribute('state', 'ready', { timeout: 15_000 });
  return urls;
}

const title = (p: Page) => p.locator('corbado-append [part="title"]');
const noViolations = async (p: Page) =>
  expect(await p.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);

test('lang="de": the drop-in loads /assets/locales/de.js beside itself, nothing from another host, no CSP violation', async ({
  page: p,
}) => {
  const urls = await open(p, 'lang=de');
  await expect(title(p)).toHaveText('Künftig mit Passkey anmelden');
  await expect(p.locator('corbado-append [part~="primary-button"]')).toHaveText('Passkey erstellen');
  expect(urls.filter((u) => u.includes('/locales/'))).toEqual([`${origin}/assets/locales/de.js`]);
  expect(urls.filter((u) => !u.startsWith(`${origin}/`))).toEqual([]);
  await noViolations(p);
});

test('a language file the page includes before the drop-in is used as it is, not fetched again', async ({ page: p }) => {
  const urls = await open(p, 'lang=fr&include=fr');
  await expect(title(p)).toHaveText('La prochaine fois, connectez-vous avec une clé d’accès');
  expect(urls.filter((u) => u.includes('/locales/'))).toEqual([`${origin}/assets/locales/fr.js`]);
  await noViolations(p);
});

test('a language that is not shipped (sv) loads nothing and shows English', async ({ page: p }) => {
  const urls = await open(p, 'lang=sv');
  await expect(title(p)).toHaveText('Next time, sign in with a passkey');
  expect(urls.filter((u) => u.includes('/locales/'))).toEqual([]);
});
