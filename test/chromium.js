/**
 * The browser every test and the bench launch: Debian's Chromium (or `CHROME_PATH`), with the
 * arguments that work here as root and offline (no sandbox, no background networking).
 */
export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
