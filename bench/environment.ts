/**
 * Where a result was measured, so results from different machines and versions are never compared blindly:
 * cores, CPU model, memory, Node, the gateway stack's package versions as installed, and the commit.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem, platform, release } from 'node:os';

export interface Environment {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  packages: Record<string, string | null>;
  /** The commit checked out, with `-dirty` when the tree has changes; null outside git. */
  commit: string | null;
}

const PACKAGES = ['@apollo/gateway', '@apollo/server', 'graphql', 'graphql-shield', 'undici', 'autocannon'];

export function describeEnvironment(): Environment {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    packages: Object.fromEntries(PACKAGES.map((name) => [name, installedVersion(name)])),
    commit: currentCommit(),
  };
}

function installedVersion(name: string): string | null {
  try {
    const file = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

function currentCommit(): string | null {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: new URL('..', import.meta.url), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain') === '' ? commit : `${commit}-dirty`;
  } catch {
    return null;
  }
}
