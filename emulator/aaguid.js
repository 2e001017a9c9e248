/**
 * Names of well-known passkey providers by AAGUID (the authenticator model id in authData),
 * for `passkeyOperation.aaguidDetails.name` in the finish response.
 */

/** @type {Readonly<Record<string, string>>} lower-case AAGUID → provider name */
export const AAGUID_NAMES = Object.freeze({
  'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4': 'Google Password Manager',
  'fbfc3007-154e-4ecc-8c0b-6e020557d7bd': 'iCloud Keychain',
  '08987058-cadc-4b81-b6e1-30de50dcbe96': 'Windows Hello',
  '9ddd1817-af5a-4672-a2b9-3e3dd95000a9': 'Windows Hello',
  '6028b017-b1d4-4c02-b4b3-afcdafc96bb2': 'Windows Hello',
  'bada5566-a7aa-401f-bd96-45619a55120d': '1Password',
  'd548826e-79b4-db40-a3d8-11116f7e8349': 'Bitwarden',
  '531126d6-e717-415c-9320-3d9aa6981239': 'Dashlane',
});

/**
 * The provider name for an AAGUID.
 * @param {string} aaguid UUID text, e.g. `ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4`
 * @param {string} [fallback] name for an unknown AAGUID (the scenario's `aaguidName`)
 * @returns {string} the known name, else `fallback`, else `'Passkey manager'`
 */
export function aaguidName(aaguid, fallback) {
  return AAGUID_NAMES[aaguid.toLowerCase()] ?? fallback ?? 'Passkey manager';
}
