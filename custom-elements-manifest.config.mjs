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

/**
 * Modules in a fixed order, whatever order the file glob returned them in (it varies with disk
 * timing, e.g. while another copy of the project runs its tests): per folder its files, then its
 * subfolders, each by name.
 */
function sortModules() {
  /** @param {string} a @param {string} b */
  const byPath = (a, b) => {
    const [x, y] = [a.split('/'), b.split('/')];
    let i = 0;
    while (i < x.length - 1 && i < y.length - 1 && x[i] === y[i]) i++;
    const [xFile, yFile] = [i === x.length - 1, i === y.length - 1];
    if (xFile !== yFile) return xFile ? -1 : 1;
    return x[i] < y[i] ? -1 : x[i] > y[i] ? 1 : 0;
  };
  return {
    name: 'sort-modules',
    /** @param {{customElementsManifest: import('custom-elements-manifest/schema.js').Package}} params */
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules?.sort((a, b) => byPath(a.path, b.path));
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/react.ts', 'src/svelte.ts', 'src/template-types.ts'],
  outdir: '.',
  litelement: true,
  // package.json "customElements" is kept by hand.
  packagejson: false,
  plugins: [dropUndocumentedEvents(), sortModules()],
};
