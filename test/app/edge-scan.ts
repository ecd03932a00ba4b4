/**
 * A source scan (TypeScript's own parser, so comments and strings never count) for what only the composition root
 * may do: read `process.env`, construct an edge (fetcher, LLM transport or client, store or database, embeddings
 * client), or import the modules that do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Functions that build an edge, by the name they are exported under. */
export const EDGE_BUILDERS = new Set([
  'createFetcher', // src/net: the polite fetcher (host queues, sockets)
  'openStore', 'openDb', 'openDatabase', 'openChosen', 'openOrCreateDefault', // src/store, src/app/store.ts, cli/common
  'createTransport', 'createLlmSummarizer', 'createLlmTriage', // src/summarize/llm
  'createEndpointRegistry', 'processEndpoints', // the endpoint registry is the root's to share
  'embeddingStage', 'openAiEmbedder', // the embeddings endpoint client (src/cluster/embeddings.ts)
  'buildSummarizer', 'buildTriage', 'compose', 'embeddingsFor', // the composition root itself (src/app)
]);
/** Any other `open…Store` / `create…Store|Db|Pool|Fetcher|Transport` a store port or backend may add later. */
const BUILDER_PATTERN = /^(open|create)\w*(Store|Db|Database|Pool|Fetcher|Transport)$/;

/** Classes that are edges when constructed: the openai client, better-sqlite3, pg, pg-boss, undici. */
export const EDGE_CLASSES = new Set(['OpenAI', 'Database', 'Pool', 'Client', 'PgBoss', 'Agent']);

/** Packages whose values only edges import (a type-only import is fine). */
export const EDGE_PACKAGES = new Set(['openai', 'better-sqlite3', 'pg', 'pg-boss', 'undici', 'node:http', 'node:https', 'http', 'https']);

/** Files under src/ (without extension) that build edges or are the composition root: no value import of them. */
export const EDGE_MODULES = [/^net\/(fetcher|transport)$/, /^store\/db$/, /^summarize\/llm\/transport$/, /^app\//];

export interface Finding { file: string; line: number; rule: string; text: string }

/** The findings in one file's text; `file` is its path (relative paths of imports are resolved from it), `srcRoot` the src/ folder. */
export function scanSource(file: string, text: string, srcRoot: string): Finding[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Finding[] = [];
  const add = (node: ts.Node, rule: string) => out.push({ file, rule, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
    text: node.getText(sf).split('\n')[0].slice(0, 120) });
  const isProcess = (e: ts.Expression) => ['process', 'globalThis.process'].includes(e.getText(sf));
  const edgeModule = (spec: string): string | null => {
    if (EDGE_PACKAGES.has(spec)) return spec;
    if (!spec.startsWith('.')) return null;
    const rel = relative(srcRoot, resolve(dirname(file), spec)).replace(/\\/g, '/').replace(/\.(js|ts|tsx)$/, '');
    return EDGE_MODULES.some((re) => re.test(rel)) ? `src/${rel}` : null;
  };

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      if (clause && !clause.isTypeOnly) {
        const named = clause.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements.filter((e) => !e.isTypeOnly) : [];
        const values = named.length > 0 || !!clause.name || (!!clause.namedBindings && ts.isNamespaceImport(clause.namedBindings));
        const mod = edgeModule(node.moduleSpecifier.text);
        if (mod && values) add(node, `imports ${mod}`);
        for (const e of named) {
          const name = (e.propertyName ?? e.name).text;
          if (EDGE_BUILDERS.has(name) || BUILDER_PATTERN.test(name)) add(e, `imports the edge builder ${name}`);
        }
      } else if (!clause) {
        const mod = edgeModule(node.moduleSpecifier.text);
        if (mod) add(node, `imports ${mod}`);
      }
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      const mod = arg && ts.isStringLiteral(arg) ? edgeModule(arg.text) : null;
      if (mod) add(node, `imports ${mod}`);
    }
    if (ts.isNewExpression(node)) {
      const callee = node.expression.getText(sf).split('.').pop()!;
      if (EDGE_CLASSES.has(callee)) add(node, `constructs ${callee}`);
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'env' && isProcess(node.expression)) add(node, 'reads process.env');
    if (ts.isElementAccessExpression(node) && isProcess(node.expression) && ts.isStringLiteral(node.argumentExpression)
      && node.argumentExpression.text === 'env') add(node, 'reads process.env');
    if (ts.isVariableDeclaration(node) && node.initializer && isProcess(node.initializer) && ts.isObjectBindingPattern(node.name)
      && node.name.elements.some((e) => ((e.propertyName ?? e.name) as ts.Identifier).text === 'env')) add(node, 'reads process.env');
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Every .ts/.tsx file under `dir`. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The findings in every file under the given folders of src/. */
export function scanTree(srcRoot: string, folders: string[]): Finding[] {
  return folders.flatMap((f) => sourceFiles(join(srcRoot, f)))
    .flatMap((file) => scanSource(file, readFileSync(file, 'utf8'), srcRoot).map((x) => ({ ...x, file: relative(srcRoot, file) })));
}
