// The repo's module graph over relative imports (static, re-exports and dynamic import()), as webpack and
// Node follow them: the files a bundle is made of (i18n extraction) and the import cycles (scripts/cycles).
// Type-only imports are left out: they add no code and no load order.
import fs from 'fs';
import path from 'path';
import ts from 'typescript';

const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

export function reachableSources(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) {
      return;
    }
    seen.add(file);
    for (const specifier of runtimeImports(file)) {
      const resolved = resolveRelative(path.dirname(file), specifier);
      if (resolved) {
        visit(resolved);
      }
    }
  };
  visit(path.resolve(entry));
  return [...seen].sort();
}

/** Each file's runtime imports among `files` (resolved to absolute paths). */
export function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files.map((f) => path.resolve(f))) {
    const targets = runtimeImports(file)
      .map((specifier) => resolveRelative(path.dirname(file), specifier))
      .filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** `import { type A, type B } from` and `export { type A } from` load nothing either. */
function onlyTypes(elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier> | undefined): boolean {
  return elements !== undefined && elements.length > 0 && elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) {
    return false;
  }
  const named = clause.namedBindings;
  return (
    clause.isTypeOnly || (!clause.name && named !== undefined && ts.isNamedImports(named) && onlyTypes(named.elements))
  );
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  const clause = node.exportClause;
  return node.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && onlyTypes(clause.elements));
}

function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !isTypeOnlyImport(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      !isTypeOnlyExport(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A relative import's TypeScript file; packages, JSON and images are not sources. */
function resolveRelative(dir: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) {
    return undefined;
  }
  const base = path.resolve(dir, specifier);
  return EXTENSIONS.map((ext) => base + ext).find((candidate) => fs.existsSync(candidate));
}
