/**
 * The training feature is pure (ARCHITECTURE.md: "no CLI flag name in a
 * message"): no string in src/training names a /train flag or the /train
 * command. Its messages use parameter keys, and the chat layer words them
 * (src/bot/training/words.ts). Strings are read with the TypeScript parser,
 * so comments (which may well mention flags) do not count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import train from '../../commands/train.js';
import { camelToKebab } from '../../src/core/schema.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const featureDir = join(root, 'src', 'training');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every string literal and template text of a file, with its line. */
function strings(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return; // module paths are not messages
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const runnables = [train, ...Object.values(train.subcommands ?? {})];
const flags = [...new Set(runnables.flatMap((r) => Object.keys(r.args.shape).map((key) => `--${camelToKebab(key)}`)))];
const chatWords = new RegExp(`(?:${flags.map((f) => f.replace(/-/g, '\\-')).join('|')})(?![\\w-])|/train\\b`);

describe('src/training names no /train flag or command', () => {
  it('knows the flags it looks for', () => {
    expect(flags).toEqual(expect.arrayContaining(['--model', '--dataset', '--label', '--epochs', '--val-split', '--id']));
  });

  it('finds none in the strings of the feature', () => {
    const hits = sourceFiles(featureDir).flatMap((file) =>
      strings(file)
        .filter((s) => chatWords.test(s.text))
        .map((s) => `${relative(root, file)}:${s.line}: ${s.text}`),
    );
    expect(hits).toEqual([]);
  });

  it('would find one (the checker is not blind)', () => {
    expect(chatWords.test('takes one layer size for --model small')).toBe(true);
    expect(chatWords.test('cancel one with /train cancel <id>.')).toBe(true);
    expect(chatWords.test("['--import', loader]")).toBe(false); // node's own flag for the worker process
  });
});
