// Types of firefox.js for the TypeScript that imports it (test/e2e/*.ts).
import type { Browser, Page } from 'puppeteer-core';
import type { BrowserLauncher } from '@web/test-runner';

export interface Marionette {
  send(command: string, params?: object): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): void;
  readonly closed: boolean;
}

export declare const FIREFOX_PATH: string;
export declare const FIREFOX_PREFS: Readonly<Record<string, string | number | boolean>>;
export declare function firefoxLauncher(opts?: { concurrency?: number }): BrowserLauncher;
export declare function launchFirefox(): Promise<{ browser: Browser; marionette: () => Promise<Marionette> }>;
export declare function marionetteOf(launcher: object): Promise<Marionette>;
export declare function isFirefoxLauncher(launcher: unknown): boolean;
export declare function evaluateInChrome(page: Page, expression: string): Promise<unknown>;
