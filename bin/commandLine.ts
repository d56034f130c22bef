/**
 * How every command in bin/ reads its command line: `--help` (or `-h`) prints the usage to stdout and exits 0
 * before anything else happens (no store opened, no file written, no key generated); an unknown option or a
 * malformed one prints what was wrong and the usage to stderr and exits 2. Heavy modules are imported by the
 * commands after this, so `--help` and usage errors answer at once.
 *
 * `failWith` and `runCommand` give the other ends the same shape: a refusal or an error is one message saying what
 * happened and what to do, never a stack trace (set GOVGRAPH_DEBUG=1 to see one).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandSpec<O extends Options> {
  /** `npm run token -- --dept <id> --app <id> [--role <role>]...`: the first line of the help and of usage errors. */
  usage: string;
  /** What the command does, in a sentence or two. */
  summary: string;
  /** Each option (without `--help`) as parseArgs takes it, with its help line. */
  options: O;
  /** One help line per option name (`--role <role>`: "…"), in the order shown. */
  help: Record<keyof O & string, string>;
  /** Positional arguments accepted (default none); `[min, max]`. */
  positionals?: readonly [number, number];
  /** Lines printed after the options: defaults, environment variables, exit codes, examples. */
  notes?: readonly string[];
}

export interface ParsedCommand<O extends Options> {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values'];
  positionals: string[];
}

/** The help text of a command, as `--help` prints it. */
export function helpText<O extends Options>(spec: CommandSpec<O>): string {
  const names = Object.keys(spec.help) as (keyof O & string)[];
  const labels = names.map((name) => optionLabel(name, spec.options[name]!));
  const width = Math.max(...labels.map((l) => l.length), '-h, --help'.length) + 2;
  return [
    `usage: ${spec.usage}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...names.map((name, i) => `  ${labels[i]!.padEnd(width)}${spec.help[name]}`),
    `  ${'-h, --help'.padEnd(width)}print this help and exit`,
    ...(spec.notes && spec.notes.length > 0 ? ['', ...spec.notes] : []),
    '',
  ].join('\n');
}

function optionLabel(name: string, option: Options[string]): string {
  const short = option.short ? `-${option.short}, ` : '';
  return `${short}--${name}${option.type === 'string' ? ' <value>' : ''}`;
}

/** Parses `argv` (default the process's arguments) or answers `--help` / a usage error and exits. */
export function parseCommandLine<O extends Options>(spec: CommandSpec<O>, argv: string[] = process.argv.slice(2)): ParsedCommand<O> {
  // --help wins over everything else on the line, even an option that would not parse.
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(helpText(spec));
    process.exit(0);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: spec.options, allowPositionals: true, strict: true });
  } catch (error) {
    usageError(spec, describeParseError(error));
  }
  const [min, max] = spec.positionals ?? [0, 0];
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    usageError(spec, parsed.positionals.length > max
      ? `Unexpected argument${parsed.positionals.length - max === 1 ? '' : 's'}: ${parsed.positionals.slice(max).join(' ')}.`
      : 'Missing argument.');
  }
  return parsed as unknown as ParsedCommand<O>;
}

/** Exit 2 with `message`, the usage line and where the help is. */
export function usageError(spec: Pick<CommandSpec<Options>, 'usage'>, message: string): never {
  process.stderr.write(`${message}\nusage: ${spec.usage}\n(--help for every option)\n`);
  process.exit(2);
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // parseArgs adds advice about `--` that only confuses npm users (npm has already consumed it).
  return message.replace(/ To specify a positional argument starting with a '-'.*$/s, '').replace(/^Unknown option '([^']+)'\.?$/, "Unknown option '$1'.");
}

/** A refusal a command reports as one message and its exit code (1: refused or failed; 2: bad usage). */
export class CommandFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** Print `message` to stderr and exit with `code`. */
export function failWith(message: string, code: 1 | 2 = 1): never {
  process.stderr.write(`${message.replace(/\n*$/, '')}\n`);
  process.exit(code);
}

/**
 * For a command whose body runs at the top level: an error it does not catch ends it with its message only
 * (exit 1), as `runCommand` would.
 */
export function exitBrieflyOnError(): void {
  const exit = (error: unknown) => {
    if (process.env.GOVGRAPH_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    failWith(error instanceof Error ? error.message : String(error), error instanceof CommandFailure ? error.exitCode : 1);
  };
  process.on('uncaughtException', exit);
  process.on('unhandledRejection', exit);
}

/**
 * Runs a command's body: an error ends it with its message only (exit 1, or a CommandFailure's code). The stack is
 * printed only with GOVGRAPH_DEBUG=1: a user needs what happened and what to do, not pg's internals.
 */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (process.env.GOVGRAPH_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    failWith(message, error instanceof CommandFailure ? error.exitCode : 1);
  }
}
