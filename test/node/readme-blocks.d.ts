// Declarations of readme-blocks.js for the TypeScript tests (test/e2e/readme-embed.spec.ts).
export const ROOT: string;
export interface Block {
  lang: string;
  code: string;
  line: number;
  kind: string | undefined;
  arg: string | undefined;
}
export function readmeBlocks(text?: string): Block[];
export function missingRun(source: string, excerpt: string): string | undefined;
export function commands(code: string): string[];
