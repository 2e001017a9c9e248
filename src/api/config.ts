import { CorbadoAppendError } from '../errors.js';

/** One DNS label: `[a-z0-9-]`, 1–63 characters, no leading or trailing hyphen. */
const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

const LOOPBACK = /^(localhost|[^.]+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/;

const invalid = (message: string) => new CorbadoAppendError('config-invalid', message);

/**
 * The Frontend API base URL (no trailing slash) for a project.
 *
 * - `frontendApiUrl` given: it must be an absolute `https:` URL, or `http:` on a loopback host
 *   (`localhost`, `*.localhost`, `127.x.x.x`, `[::1]`), without credentials, query or fragment.
 * - otherwise `https://{projectId}.frontendapi.corbado.io`.
 *
 * `projectId` (sent as `X-Corbado-ProjectID`) must always be one DNS label.
 * @throws CorbadoAppendError `config-invalid` — before any request is made.
 */
export function resolveApiBaseUrl(projectId: string | undefined, frontendApiUrl?: string): string {
  if (!projectId || !DNS_LABEL.test(projectId)) {
    throw invalid('project-id must be one DNS label of a-z, 0-9 and "-" (e.g. pro-1234567890)');
  }
  if (!frontendApiUrl) return `https://${projectId}.frontendapi.corbado.io`;
  let url: URL;
  try {
    url = new URL(frontendApiUrl);
  } catch {
    throw invalid('frontend-api-url must be an absolute URL');
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
  if (!secure) throw invalid('frontend-api-url must use https: (http: only on a loopback host)');
  if (url.username || url.password || url.search || url.hash) {
    throw invalid('frontend-api-url must not hold credentials, a query or a fragment');
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
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
  let url: URL;
  try {
    url = new URL(String(candidate));
  } catch {
    return { ignored: 'not an absolute URL' };
  }
  const configured = new URL(configuredBase).hostname.toLowerCase();
  const host = url.hostname.toLowerCase();
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(host)))) return { ignored: 'not https:' };
  if (url.username || url.password || url.search || url.hash) return { ignored: 'credentials, query or fragment' };
  const corbado = (h: string) => h === 'corbado.io' || h.endsWith('.corbado.io');
  const named = host === configured || corbado(host) || (!corbado(configured) && registrableDomain(host) === registrableDomain(configured));
  if (!named) return { ignored: `${host} is neither the configured host, under corbado.io, nor in ${registrableDomain(configured)}` };
  return url.origin + url.pathname.replace(/\/+$/, '');
}
