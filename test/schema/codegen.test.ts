import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate, loadContext } from '@graphql-codegen/cli';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('generated code', () => {
  it('matches what `npm run codegen` generates from codegen.yml today', async () => {
    const context = await loadContext(`${root}codegen.yml`);
    context.cwd = root;
    const outputs: { filename: string; content: string }[] = await generate(context, false);
    expect(outputs.length).toBeGreaterThan(7);
    for (const output of outputs) {
      const onDisk = readFileSync(new URL(output.filename, `file://${root}`), 'utf8');
      expect(onDisk, `${output.filename} is stale: run npm run codegen`).toBe(output.content);
    }
  }, 60_000);
});
