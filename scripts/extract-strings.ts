/**
 * Finds every translatable string of the dashboard: each `__('text')`, `__('text', 'context')` and
 * `_n('single', 'plural', count)` call (also as `i18n.__(…)`) in `src/**\/*.{ts,vue}`, the way `wp i18n make-pot`
 * finds them in a WordPress build.
 *
 * Sources are parsed, not searched with a pattern: TypeScript reads scripts and template expressions, Vue's compiler
 * reads templates, so comments never count, quotes and escapes are read as the runtime reads them, and a call that
 * spans lines is still one call. A call whose text is not a literal cannot be found by any extractor; it is reported
 * as a problem rather than skipped in silence.
 *
 * `npx tsx scripts/extract-strings.ts` prints the messages as JSON (problems go to stderr and fail the run).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { parse as parseSfc } from 'vue/compiler-sfc';
import type { SFCDescriptor } from 'vue/compiler-sfc';

/** One translatable string, with every place that uses it. */
export interface ExtractedMessage {
  /** The English text (the singular of a plural), as the runtime looks it up. */
  msgid: string;
  /** The English plural of an `_n()` string. */
  plural?: string;
  /** The context of a `__('text', 'context')` string. */
  context?: string;
  /** The key of the string in Jed JSON: `context\u0004msgid` when there is a context, else the msgid. */
  key: string;
  /** Where it is used: `src/components/ReportPanel.vue:58`. */
  references: string[];
}

/** A call the extraction cannot read, or two uses of one key that disagree. */
export interface ExtractionProblem {
  /** `src/…:line`. */
  reference: string;
  /** What is wrong, for people. */
  message: string;
}

/** What a scan found. */
export interface Extraction {
  /** The strings, sorted by key. */
  messages: ExtractedMessage[];
  /** Calls that cannot be translated as written; empty when every string is found. */
  problems: ExtractionProblem[];
}

/** A single call as found in one file, before calls of the same key are merged. */
interface FoundCall {
  msgid: string;
  plural?: string;
  context?: string;
  reference: string;
}

interface FileScan {
  calls: FoundCall[];
  problems: ExtractionProblem[];
}

const TRANSLATE_FUNCTIONS = new Set(['__', '_n']);

/** Jed's separator between a context and its msgid. */
const CONTEXT_SEPARATOR = '\u0004';

function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

/** The text of a string literal argument (escapes already resolved), or `undefined` for anything else. */
function literalText(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  return undefined;
}

/**
 * Reads the translate calls of a piece of TypeScript.
 *
 * @param code Script or template expression.
 * @param file Path shown in references.
 * @param firstLine Line of the file where `code` starts (1-based).
 */
function scanScript(code: string, file: string, firstLine: number): FileScan {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const scan: FileScan = { calls: [], problems: [] };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      if (name !== undefined && TRANSLATE_FUNCTIONS.has(name)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + firstLine;
        const reference = `${file}:${line}`;
        const [first, second, , fourth] = node.arguments;
        const msgid = literalText(first);
        const plural = name === '_n' ? literalText(second) : undefined;
        const contextArgument = name === '_n' ? fourth : second;
        const context = literalText(contextArgument);
        if (msgid === undefined || (name === '_n' && plural === undefined)) {
          scan.problems.push({
            reference,
            message: `${name}() is called with text that is not a string literal: ${node.getText(source)}`,
          });
        } else if (contextArgument !== undefined && context === undefined) {
          scan.problems.push({
            reference,
            message: `${name}() is called with a context that is not a string literal: ${node.getText(source)}`,
          });
        } else {
          scan.calls.push({
            msgid,
            reference,
            ...(plural !== undefined ? { plural } : {}),
            ...(context !== undefined ? { context } : {}),
          });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return scan;
}

type TemplateRoot = NonNullable<NonNullable<SFCDescriptor['template']>['ast']>;
type TemplateNode = TemplateRoot | TemplateRoot['children'][number];

/** Node types of Vue's template AST (`NodeTypes` of `@vue/compiler-core`) that hold expressions. */
const SIMPLE_EXPRESSION = 4;
const INTERPOLATION = 5;
const DIRECTIVE = 7;

/** The JavaScript expressions of a template: `{{ … }}` and directive values, with the line each starts on. */
function templateExpressions(node: TemplateNode, found: Array<{ code: string; line: number }> = []) {
  if (node.type === INTERPOLATION && 'content' in node && typeof node.content === 'object') {
    const expression = node.content;
    if (expression.type === SIMPLE_EXPRESSION && 'content' in expression) {
      found.push({ code: expression.content, line: expression.loc.start.line });
    }
  }
  if ('props' in node) {
    for (const prop of node.props) {
      if (prop.type === DIRECTIVE && 'exp' in prop && prop.exp && 'content' in prop.exp) {
        found.push({ code: prop.exp.content, line: prop.exp.loc.start.line });
      }
    }
  }
  if ('children' in node && Array.isArray(node.children)) {
    for (const child of node.children as TemplateNode[]) templateExpressions(child, found);
  }
  return found;
}

/**
 * The translate calls of one source file.
 *
 * @param file Path shown in references, e.g. `src/components/ReportPanel.vue`.
 * @param text The file's contents.
 */
export function extractFromSource(file: string, text: string): FileScan {
  if (!file.endsWith('.vue')) return scanScript(text, file, 1);
  const { descriptor, errors } = parseSfc(text, { filename: file });
  const scans: FileScan[] = errors.map((error) => ({
    calls: [],
    problems: [{ reference: file, message: `cannot parse: ${error.message}` }],
  }));
  for (const block of [descriptor.script, descriptor.scriptSetup]) {
    if (block) scans.push(scanScript(block.content, file, block.loc.start.line));
  }
  if (descriptor.template?.ast) {
    for (const expression of templateExpressions(descriptor.template.ast)) {
      scans.push(scanScript(expression.code, file, expression.line));
    }
  }
  return {
    calls: scans.flatMap((scan) => scan.calls),
    problems: scans.flatMap((scan) => scan.problems),
  };
}

/** The Jed key of a message: `context\u0004msgid`, or the msgid alone. */
function messageKey(msgid: string, context?: string): string {
  return context === undefined ? msgid : `${context}${CONTEXT_SEPARATOR}${msgid}`;
}

/** `*.ts` and `*.vue` files under `directory`, as paths relative to `root` with `/` separators, sorted. */
function sourceFiles(root: string, directory: string): string[] {
  return readdirSync(join(root, directory), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(?:ts|vue)$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) =>
      relative(root, join(root, directory, name))
        .split(sep)
        .join('/'),
    )
    .sort();
}

/**
 * Every translatable string of the dashboard's sources, merged by key.
 *
 * @param root The project directory. @default the directory above this script
 * @param directory The folder to scan, relative to `root`. @default 'src'
 */
export function extractStrings(
  root = resolve(fileURLToPath(import.meta.url), '../..'),
  directory = 'src',
): Extraction {
  const byKey = new Map<string, ExtractedMessage>();
  const problems: ExtractionProblem[] = [];
  for (const file of sourceFiles(root, directory)) {
    const scan = extractFromSource(file, readFileSync(join(root, file), 'utf8'));
    problems.push(...scan.problems);
    for (const call of scan.calls) {
      const key = messageKey(call.msgid, call.context);
      const known = byKey.get(key);
      if (!known) {
        byKey.set(key, {
          msgid: call.msgid,
          ...(call.plural !== undefined ? { plural: call.plural } : {}),
          ...(call.context !== undefined ? { context: call.context } : {}),
          key,
          references: [call.reference],
        });
        continue;
      }
      known.references.push(call.reference);
      // One key holds one translation: a string used both alone and as a singular, or with two plurals, cannot be
      // translated right in both places.
      if (known.plural !== call.plural) {
        problems.push({
          reference: call.reference,
          message: `"${call.msgid}" is used with plural ${JSON.stringify(call.plural)} here and ${JSON.stringify(known.plural)} at ${known.references[0]}`,
        });
      }
    }
  }
  const messages = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { messages, problems };
}

function isRunDirectly(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href;
}

if (isRunDirectly()) {
  const { messages, problems } = extractStrings();
  process.stdout.write(`${JSON.stringify(messages, null, 2)}\n`);
  for (const problem of problems) console.error(`${problem.reference}: ${problem.message}`);
  if (problems.length > 0) process.exitCode = 1;
}
