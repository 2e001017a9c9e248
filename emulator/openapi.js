/**
 * The repository's API description (`api/connect-append.openapi.yaml`, Corbado Frontend API 2.0.4,
 * Connect append subset) as JSON-schema validators (Ajv): request bodies and answers of the four
 * endpoints are checked against the schemas of their operation.
 *
 * Used by the emulator (every request; every answer it makes) and by the tests that check what the
 * element and Corbado's own client send (test/e2e/).
 */
import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import { parse } from 'yaml';

/** Absolute path of the API description. */
export const API_DESCRIPTION_FILE = new URL('../api/connect-append.openapi.yaml', import.meta.url);

/**
 * @typedef {{field: string, message: string}} Problem one entry of a Corbado `error.validation`
 * @typedef {{schema?: object, content?: Record<string, {schema?: object}>, $ref?: string}} ResponseObject
 * @typedef {{operationId: string, requestBody?: {content: Record<string, {schema: object}>},
 *   responses: Record<string, ResponseObject>}} Operation
 */

/** The parsed description (OpenAPI 3.0.3). */
export const apiDescription = /** @type {{paths: Record<string, {post: Operation}>, components: any}} */ (
  parse(readFileSync(API_DESCRIPTION_FILE, 'utf8'))
);

/** `passkeyEventType`: every `eventType` that `/v2/connect/events` accepts. */
export const EVENT_TYPES = /** @type {readonly string[]} */ (Object.freeze(apiDescription.components.schemas.passkeyEventType.enum));

/** `appendCompletionType`: every `completionType` that finish accepts. */
export const COMPLETION_TYPES = /** @type {readonly string[]} */ (
  Object.freeze(apiDescription.components.schemas.appendCompletionType.enum)
);

const SCHEMA_ID = 'corbado-frontend-api';

// ajv is CommonJS: its default export arrives as the module object under Node's ESM loader.
const Ajv = /** @type {typeof AjvModule.default} */ (/** @type {any} */ (AjvModule).default ?? AjvModule);
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, messages: true });
// OpenAPI's own keywords: annotations for the validator, never assertions.
ajv.addVocabulary(['openapi', 'info', 'servers', 'security', 'paths', 'components', 'tags']);
// OpenAPI 3.0 data type formats (spec §4.4) on numbers: int32/int64 must be integers in range.
ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isSafeInteger(n) });
ajv.addFormat('float', { type: 'number', validate: (n) => Number.isFinite(n) });
ajv.addSchema(apiDescription, SCHEMA_ID);

/** @type {Map<string, import('ajv').ValidateFunction>} */
const compiled = new Map();

/**
 * The validator of a schema inside the description, by JSON pointer or `#/components/...` `$ref`.
 * @param {string} pointer e.g. `#/components/schemas/errorRsp`
 */
function validatorAt(pointer) {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.getSchema(`${SCHEMA_ID}${pointer}`);
    if (!validate) throw new Error(`openapi: no schema at ${pointer}`);
    compiled.set(pointer, validate);
  }
  return validate;
}

/** @param {string} s a JSON-pointer segment */
const escapePointer = (s) => s.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * The operation (POST) of an API path.
 * @param {string} path e.g. `/v2/connect/append/init`
 * @returns {Operation | undefined}
 */
export function operationOf(path) {
  return Object.hasOwn(apiDescription.paths, path) ? apiDescription.paths[path]?.post : undefined;
}

/**
 * Ajv errors as Corbado `validation[]` entries, one per field: `field` is the dotted path of the
 * value (`clientInformation.webdriver`, `flags.rollout`; the missing member for `required`; `body`
 * for the body itself), `message` what is wrong with it.
 * @param {import('ajv').ErrorObject[] | null | undefined} errors
 * @returns {Problem[]}
 */
export function toProblems(errors) {
  /** @type {Problem[]} */
  const out = [];
  for (const e of errors ?? []) {
    const path = e.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      path.push(/** @type {{missingProperty: string}} */ (e.params).missingProperty);
      message = 'is required';
    } else if (e.keyword === 'enum') {
      message = `must be one of ${/** @type {{allowedValues: unknown[]}} */ (e.params).allowedValues.join(', ')}`;
    } else if (e.keyword === 'format') {
      message = `must be an ${/** @type {{format: string}} */ (e.params).format} number`;
    }
    const field = path.join('.') || 'body';
    // One problem per field, the first (a type problem before its enum, range or format).
    if (!out.some((p) => p.field === field)) out.push({ field, message });
  }
  return out;
}

/**
 * Check a request body against its operation's `requestBody` schema.
 * @param {string} path API path
 * @param {unknown} body the parsed JSON body (`undefined`: none)
 * @returns {Problem[]} empty when valid (and for a path the description does not have)
 */
export function requestProblems(path, body) {
  const op = operationOf(path);
  if (!op?.requestBody) return [];
  if (body === undefined) return [{ field: 'body', message: 'is required (a JSON object)' }];
  const validate = validatorAt(`#/paths/${escapePointer(path)}/post/requestBody/content/application~1json/schema`);
  return validate(body) ? [] : toProblems(validate.errors);
}

/**
 * Check an answer against its operation's response for that status (else its `default`): a
 * response without `content` must have no body, one with `application/json` content a body of
 * its schema.
 * @param {string} path API path
 * @param {number} status HTTP status of the answer
 * @param {unknown} body the parsed JSON body (`undefined`: none)
 * @returns {Problem[]} empty when valid
 */
export function responseProblems(path, status, body) {
  const op = operationOf(path);
  if (!op) return [{ field: 'path', message: `${path} is not in the API description` }];
  const key = Object.hasOwn(op.responses, String(status)) ? String(status) : 'default';
  /** @type {ResponseObject | undefined} */
  let response = op.responses[key];
  if (response?.$ref) response = apiDescription.components.responses[response.$ref.split('/').pop() ?? ''];
  if (!response) return [{ field: 'status', message: `${status} is not an answer of ${op.operationId}` }];
  if (!response.content) return body === undefined ? [] : [{ field: 'body', message: `${op.operationId} ${status} has no body` }];
  if (body === undefined) return [{ field: 'body', message: `${op.operationId} ${status} needs a JSON body` }];
  const validate = validatorAt(
    op.responses[key]?.$ref
      ? `${op.responses[key].$ref}/content/application~1json/schema`
      : `#/paths/${escapePointer(path)}/post/responses/${key}/content/application~1json/schema`,
  );
  return validate(body) ? [] : toProblems(validate.errors);
}
