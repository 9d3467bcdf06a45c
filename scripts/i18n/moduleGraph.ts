// The source files a bundle is made of: every file reachable from its entry module through
// relative imports (static, re-exports and dynamic import()), as webpack follows them. Type-only
// imports are left out: they add no code, so no strings, to the bundle.
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

function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      !node.isTypeOnly &&
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
