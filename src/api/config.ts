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
