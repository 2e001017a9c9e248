// @custom-elements-manifest/analyzer config, read by `cem analyze --litelement` (npm run build).
// Writes custom-elements.json at the package root (package.json "customElements").

/**
 * For `dispatchEvent(new CustomEvent(type, …))` with a variable `type` the analyzer adds an event
 * named after the variable (or no name at all), without a description. The real events come from
 * the `@fires` JSDoc of the class, each with a description: keep only those.
 */
function dropUndocumentedEvents() {
  return {
    name: 'drop-undocumented-events',
    /** @param {{customElementsManifest: import('custom-elements-manifest/schema.js').Package}} params */
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const decl of mod.declarations ?? []) {
          if ('events' in decl && Array.isArray(decl.events)) decl.events = decl.events.filter((e) => e.name && e.description);
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/react.ts'],
  outdir: '.',
  litelement: true,
  // package.json "customElements" is kept by hand.
  packagejson: false,
  plugins: [dropUndocumentedEvents()],
};
