// @custom-elements-manifest/analyzer config, read by `cem analyze --litelement` (npm run build).
// Writes custom-elements.json at the package root (package.json "customElements").

/**
 * The element's events, properties and attributes come from the one definition of the public
 * contract (src/contract.ts), not from the element's class: `AppendEventDetailMap` (each event, its
 * detail type and doc comment), `AppendProperties` (each property, its type and doc comment) and
 * `APPEND_PROPERTIES` (each property's attribute and whether it is reflected). Read from the
 * TypeScript syntax tree the analyzer hands each plugin; written onto `<corbado-append>`. What the
 * analyzer guessed from the class itself (an event named after a variable, an `@fires` tag) is
 * replaced.
 *
 * @param {{tagName: string, module: string}} where
 */
function publicContract({ tagName, module }) {
  /** @type {{name: string, type: string, optional: boolean, description: string}[]} */
  let events = [];
  /** @type {{name: string, type: string, optional: boolean, description: string}[]} */
  let properties = [];
  /** @type {Map<string, {attribute: string | false, reflects: boolean}>} */
  const html = new Map();

  /** @param {any} ts @param {any} member */
  const memberOf = (ts, member) => ({
    name: member.name.text,
    type: member.type.getText(),
    optional: !!member.questionToken,
    description: ts
      .getJSDocCommentsAndTags(member)
      .map((/** @type {any} */ doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
      .join('\n')
      .trim(),
  });

  return {
    name: 'public-contract',
    /** @param {{ts: any, node: any, moduleDoc: {path: string}}} params */
    analyzePhase({ ts, node, moduleDoc }) {
      if (moduleDoc.path !== module) return;
      const members = () => node.members.map((/** @type {any} */ m) => memberOf(ts, m));
      if (ts.isInterfaceDeclaration(node) && node.name.text === 'AppendEventDetailMap') events = members();
      if (ts.isInterfaceDeclaration(node) && node.name.text === 'AppendProperties') properties = members();
      if (ts.isVariableDeclaration(node) && node.name.getText() === 'APPEND_PROPERTIES') {
        let literal = node.initializer;
        while (!ts.isObjectLiteralExpression(literal)) literal = literal.expression; // `{…} as const satisfies …`
        for (const prop of literal.properties) {
          /** @type {Record<string, string>} */
          const spec = Object.fromEntries(
            prop.initializer.properties.map((/** @type {any} */ p) => [p.name.text, p.initializer.getText()]),
          );
          const attribute = spec.attribute === 'false' ? false : JSON.parse(spec.attribute.replace(/'/g, '"'));
          html.set(prop.name.text, { attribute, reflects: spec.reflect === 'true' });
        }
      }
    },
    /** @param {{customElementsManifest: import('custom-elements-manifest/schema.js').Package}} params */
    packageLinkPhase({ customElementsManifest }) {
      if (!events.length || !properties.length || !html.size) throw new Error(`public-contract: nothing read from ${module}`);
      const element = customElementsManifest.modules
        ?.flatMap((mod) => mod.declarations ?? [])
        .find((decl) => 'tagName' in decl && decl.tagName === tagName);
      if (!element || !('members' in element)) throw new Error(`public-contract: no <${tagName}> in the manifest`);
      const el = /** @type {any} */ (element);
      el.events = events.map((e) => ({
        name: e.name.replace(/'/g, ''),
        type: { text: `CustomEvent<${e.type}>` },
        description: e.description,
      }));
      const names = new Set(properties.map((p) => p.name));
      const members = /** @type {any[]} */ (el.members ?? []);
      // Kept: `lang` (`@attr` of the class). Dropped: the contract's (written below) and the
      // element's internal reactive state (private, no attribute: Lit `state: true`).
      const internal = new Set(members.filter((m) => 'privacy' in m && m.privacy === 'private').map((m) => m.name));
      const attributes = /** @type {any[]} */ (el.attributes ?? []).filter(
        (a) => !a.fieldName || (!names.has(a.fieldName) && !internal.has(a.fieldName)),
      );
      for (const m of members) if (internal.has(m.name)) delete (/** @type {any} */ (m).attribute);
      for (const p of properties) {
        const spec = html.get(p.name);
        if (!spec) throw new Error(`public-contract: ${p.name} is in AppendProperties but not in APPEND_PROPERTIES`);
        const type = { text: p.optional ? `${p.type} | undefined` : p.type };
        const known = /** @type {any} */ (members.find((m) => m.name === p.name && m.kind === 'field' && !m.static));
        const field = known ?? { kind: 'field', name: p.name, privacy: 'public' };
        Object.assign(field, { type, privacy: 'public', description: p.description });
        if (spec.attribute) field.attribute = spec.attribute;
        else delete field.attribute;
        if (spec.reflects) field.reflects = true;
        if (!known) members.push(field);
        if (spec.attribute) {
          attributes.push({
            name: spec.attribute,
            fieldName: p.name,
            type,
            description: p.description,
            ...(field.default ? { default: field.default } : {}),
          });
        }
      }
      // The contract's properties first, in its order; then the rest of the class (`state`, …).
      const order = (/** @type {{name: string}} */ m) =>
        names.has(m.name) ? properties.findIndex((p) => p.name === m.name) : properties.length;
      el.members = members.sort((a, b) => order(a) - order(b));
      el.attributes = attributes;
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
  exclude: ['src/**/*.test.ts', 'src/react.ts', 'src/svelte.ts'],
  outdir: '.',
  litelement: true,
  // package.json "customElements" is kept by hand.
  packagejson: false,
  plugins: [publicContract({ tagName: 'corbado-append', module: 'src/contract.ts' }), sortModules()],
};
