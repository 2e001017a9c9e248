// @ts-check
/**
 * Names of TypeScript `private` class members in src/ that the drop-in build may rename
 * (terser `mangle.properties`). A minifier renames `#private` members on its own, but not
 * TypeScript's `private` ones: they are ordinary properties at run time, and renaming a property
 * renames it everywhere in the bundle. So a name is only taken when it is safe everywhere:
 *
 * - every declaration of the name in src/ is a `private` member (no public member, interface
 *   field, object-literal key, destructuring, parameter property of another kind…);
 * - every property access of the name in src/ resolves (type checker) to such a private member,
 *   so no DOM or library property of the same name is touched;
 * - the member is not decorated (decorators receive the name as a string);
 * - the name never occurs as a string literal in src/ (`this['x']`, `'x' in o`);
 * - the name is not a property anywhere in the bundled libraries (checked by the caller on the
 *   library code: see `libraryPropertyNames`);
 * - it is longer than 2 characters (shorter names gain nothing).
 */
import ts from 'typescript';
import { readFileSync } from 'node:fs';

/**
 * @param {string} tsconfigPath tsconfig with the compiler options of the sources
 * @param {string[]} entries entry files of the bundle; the program is what they import
 * @returns {{ names: string[], rejected: Record<string, string> }}
 */
export function privateMemberNames(tsconfigPath, entries) {
  const cfg = ts.getParsedCommandLineOfConfigFile(
    tsconfigPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!cfg) throw new Error(`cannot read ${tsconfigPath}`);
  const program = ts.createProgram(entries, { ...cfg.options, noEmit: true });
  const checker = program.getTypeChecker();
  const sources = program.getSourceFiles().filter((sf) => !sf.isDeclarationFile && !sf.fileName.includes('/node_modules/'));

  /** @type {Set<ts.Declaration>} */
  const privateDecls = new Set();
  /** @type {Set<string>} */
  const candidates = new Set();
  /** @type {Record<string, string>} */
  const rejected = {};
  const reject = (/** @type {string} */ name, /** @type {string} */ why) => {
    if (!(name in rejected)) rejected[name] = why;
  };

  const isMember = (/** @type {ts.Node} */ n) =>
    ts.isPropertyDeclaration(n) ||
    ts.isMethodDeclaration(n) ||
    ts.isGetAccessorDeclaration(n) ||
    ts.isSetAccessorDeclaration(n) ||
    (ts.isParameter(n) && ts.isParameterPropertyDeclaration(n, n.parent));

  // Pass 1: declarations.
  for (const sf of sources) {
    const visit = (/** @type {ts.Node} */ n) => {
      if (isMember(n)) {
        const decl = /** @type {ts.NamedDeclaration} */ (n);
        if (decl.name && ts.isIdentifier(decl.name)) {
          const name = decl.name.text;
          const isPrivate = (ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Private) !== 0;
          if (!isPrivate) reject(name, 'also a non-private member');
          else if (ts.canHaveDecorators(n) && ts.getDecorators(n)?.length) reject(name, 'decorated');
          else {
            candidates.add(name);
            privateDecls.add(decl);
          }
        }
      } else if (
        (ts.isPropertySignature(n) || ts.isMethodSignature(n) || ts.isPropertyAssignment(n) || ts.isEnumMember(n)) &&
        n.name &&
        (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name))
      ) {
        reject(n.name.text, 'also an interface field or object key');
      } else if (ts.isShorthandPropertyAssignment(n)) {
        reject(n.name.text, 'also an object key');
      } else if (ts.isBindingElement(n)) {
        const key = n.propertyName ?? n.name;
        if (ts.isIdentifier(key)) reject(key.text, 'destructured');
      } else if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
        reject(n.text, 'also a string literal');
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }

  // Pass 2: every access by name must resolve to one of those private declarations.
  for (const sf of sources) {
    const visit = (/** @type {ts.Node} */ n) => {
      if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.name) && candidates.has(n.name.text)) {
        const decls = checker.getSymbolAtLocation(n.name)?.declarations ?? [];
        if (decls.length === 0 || !decls.every((d) => privateDecls.has(d))) {
          reject(n.name.text, `accessed as a non-private property in ${sf.fileName}`);
        }
      } else if (ts.isElementAccessExpression(n) || (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.InKeyword)) {
        // dynamic access: covered by the string-literal rule above
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }

  const names = [...candidates].filter((n) => !(n in rejected) && n.length > 2).sort();
  return { names, rejected };
}

/**
 * Property names (`.name`, `name:`, `name(`) used by library code, e.g. the bundled Lit and
 * SimpleWebAuthn modules. Rough on purpose: a false positive only means one name less renamed.
 * @param {string[]} files
 */
export function libraryPropertyNames(files) {
  const out = new Set();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\.\s*([A-Za-z_$][\w$]*)|([A-Za-z_$][\w$]*)\s*[:(]/g)) out.add(m[1] ?? m[2]);
  }
  return out;
}
