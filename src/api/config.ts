import { CorbadoAppendError } from '../errors.js';

/** One DNS label: `[a-z0-9-]`, 1–63 characters, no leading or trailing hyphen. */
const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

const LOOPBACK = /^(localhost|[^.]+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/;

const invalid = (message: string) => new CorbadoAppendError('config-invalid', message);

const parseUrl = (v: unknown): URL | undefined => {
  try {
    return new URL(String(v));
  } catch {
    return undefined;
  }
};

/** Why `url` cannot be an API base (not `https:`, `http:` only on loopback; credentials, query or fragment), if it cannot. */
const urlProblem = (url: URL): string | undefined =>
  !(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname)))
    ? 'not https: (http: on loopback only)'
    : url.username || url.password || url.search || url.hash
      ? 'credentials, query or fragment'
      : undefined;

/** The base URL: origin and path, no trailing slash. */
const baseOf = (url: URL) => url.origin + url.pathname.replace(/\/+$/, '');

/**
 * The Frontend API base URL (no trailing slash) for a project.
 *
 * - `frontendApiUrl` given: it must be an absolute `https:` URL, or `http:` on a loopback host
 *   (`localhost`, `*.localhost`, `127.x.x.x`, `[::1]`), without credentials, query or fragment.
 * - otherwise `https://{projectId}.frontendapi.corbado.io`.
 *
 * `projectId` (sent as `X-Corbado-ProjectID`) must always be one DNS label.
 * @throws CorbadoAppendError `config-invalid` — before any request is made; the message names the attribute.
 */
export function resolveApiBaseUrl(projectId: string | undefined, frontendApiUrl?: string): string {
  if (!projectId) throw invalid('project-id: missing');
  if (!DNS_LABEL.test(projectId)) throw invalid('project-id: not one DNS label [a-z0-9-]');
  if (!frontendApiUrl) return `https://${projectId}.frontendapi.corbado.io`;
  const url = parseUrl(frontendApiUrl);
  const problem = url ? urlProblem(url) : 'not an absolute URL';
  if (problem || !url) throw invalid(`frontend-api-url: ${problem}`);
  return baseOf(url);
}

/**
 * The registrable domain of `host`, approximated without a public-suffix list: the last two
 * labels, or three where the second-to-last is a typical second-level registry label under a
 * two-letter country code (`shop.example.co.uk` → `example.co.uk`). Hosts that are IP addresses
 * or single labels are their own.
 */
export function registrableDomain(host: string): string {
  const labels = host.toLowerCase().split('.');
  if (labels.length <= 2 || /^[\d.]+$|^\[/.test(host)) return host.toLowerCase();
  const [sld, tld] = labels.slice(-2) as [string, string];
  const take = tld.length === 2 && /^(co|com|net|org|gov|edu|ac|or|ne|go|gob|mil|nic|ltd|plc)$/.test(sld) ? 3 : 2;
  return labels.slice(-take).join('.');
}

/**
 * Whether to follow init's `frontendApiUrl` (`connectAppendInitRsp.frontendApiUrl`) for start,
 * finish and events, as Corbado's client does — under a safety rule: an absolute `https:` URL
 * (`http:` only on a loopback host) without credentials, query or fragment, whose host is the
 * configured API host, a host under `corbado.io`, or a host sharing the configured custom
 * domain's registrable domain.
 *
 * @param candidate the URL init sent
 * @param configuredBase from `resolveApiBaseUrl`
 * @returns the base to use (no trailing slash), or `{ignored: why}` when it is not followed
 */
export function followApiUrl(candidate: unknown, configuredBase: string): string | { ignored: string } {
  const url = parseUrl(candidate);
  if (!url) return { ignored: 'not an absolute URL' };
  const problem = urlProblem(url);
  if (problem) return { ignored: problem };
  const configured = new URL(configuredBase).hostname;
  const host = url.hostname;
  const corbado = (h: string) => h === 'corbado.io' || h.endsWith('.corbado.io');
  const named = host === configured || corbado(host) || (!corbado(configured) && registrableDomain(host) === registrableDomain(configured));
  return named ? baseOf(url) : { ignored: `foreign host ${host}` };
}
