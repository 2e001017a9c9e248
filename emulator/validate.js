/**
 * Shape checks shared by the request and scenario validation.
 */

/**
 * A plain JSON object (not null, not an array).
 * @param {unknown} v
 * @returns {v is Record<string, unknown>}
 */
export const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An object whose values are all strings (OpenAPI `additionalProperties: {type: string}`, e.g. `customData`).
 * @param {unknown} v
 * @returns {v is Record<string, string>}
 */
export const isStringMap = (v) => isObject(v) && Object.values(v).every((x) => typeof x === 'string');
