/**
 * What the repository points its readers to exists in it: no source, test, operation or document refers to the
 * domain brief the project was written from, which is not part of the repository (GraphiQL shows the operations'
 * comments to users). bench/results keep the operation texts they were run with.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SKIPPED = new Set(['node_modules', '.git', 'data', 'dist', 'test-artifacts', 'results', '__generated__']);
const TEXT = /\.(ts|tsx|graphql|md|json|yml)$/;

function files(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    if (SKIPPED.has(name)) return [];
    const path = join(directory, name);
    return statSync(path).isDirectory() ? files(path) : TEXT.test(name) ? [path] : [];
  });
}

describe('references', () => {
  it('name no file the repository lacks', () => {
    const brief = ['DOMAIN', 'md'].join('.');
    const referring = files(root).filter((file) => readFileSync(file, 'utf8').includes(brief)).map((file) => relative(root, file));
    expect(referring).toEqual([]);
  });

  it('name only gateway files and folders that exist, in the README and docs/', () => {
    const documents = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => join('docs', name))];
    const missing = documents.flatMap((document) =>
      [...readFileSync(join(root, document), 'utf8').matchAll(/`(gateway\/[A-Za-z0-9_./-]+)`/g)].map((match) => match[1]!).filter((path) => !existsSync(join(root, path))).map((path) => `${document}: ${path}`),
    );
    expect(missing).toEqual([]);
  });
});
