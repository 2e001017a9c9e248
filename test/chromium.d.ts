// Types of chromium.js for the TypeScript that imports it (test/e2e/web-core.spec.ts).
export declare const CHROME_PATH: string;
export declare const CHROMIUM_ARGS: string[];
