/**
 * Writes a supergraph and its API schema so that a gateway watching the file never reads half of one: each
 * file is written to a temporary name in the same folder and renamed over the old one (rename is atomic within
 * a file system). The API schema goes first, so whoever sees the new supergraph also finds its API schema.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function apiSchemaFileFor(supergraphFile: string): string {
  return join(dirname(supergraphFile), 'api.graphql');
}

export function writeSupergraph(files: { supergraphFile: string; apiSchemaFile: string }, content: { supergraphSdl: string; apiSchemaSdl: string }): void {
  writeAtomically(files.apiSchemaFile, content.apiSchemaSdl);
  writeAtomically(files.supergraphFile, content.supergraphSdl);
}

/** The supergraph served now, or null when there is none yet. */
export function readSupergraph(supergraphFile: string): string | null {
  return existsSync(supergraphFile) ? readFileSync(supergraphFile, 'utf8') : null;
}

function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}
