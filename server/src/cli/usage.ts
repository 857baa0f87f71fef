/**
 * What the commands share in reading their arguments: an option's value, and for the subcommands
 * (import, export, diff, explain) `-h`/`--help` (the help, exit 0) and usage errors (the message
 * and the usage, exit 2).
 */

/** A mistake in the command line: the command prints it with its usage and exits 2. */
export class UsageError extends Error {}

/**
 * The value of option `name`, given at `args[i]`: `name=value`, or the next argument. A next
 * argument that is itself an option is not a value (`--x`; with `shortOptions`, `-x` too): a
 * usage error "<name> needs a value". Returns the value and the index of the last argument read.
 */
export function optionValue(args: readonly string[], i: number, name: string, shortOptions = false): { readonly value: string; readonly last: number } {
  const a = args[i];
  if (a.startsWith(`${name}=`)) return { value: a.slice(name.length + 1), last: i };
  const v = args[i + 1];
  const isOption = v !== undefined && (shortOptions ? v.startsWith('-') && v.length > 1 : v.startsWith('--') && v.length > 2);
  if (v === undefined || isOption) throw new UsageError(`${name} needs a value`);
  return { value: v, last: i + 1 };
}

interface UsageIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

/**
 * The options of `crmsync <command> <args>`, or the exit code when there is nothing more to do
 * (0 after the help, 2 after a usage error). `help` is what `--help` prints (the usage by default).
 */
export function commandOptions<T>(command: string, usage: string, args: readonly string[], parse: (args: readonly string[]) => T, io: UsageIo, help = usage): T | number {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(help);
    return 0;
  }
  try {
    return parse(args);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`crmsync ${command}: ${err.message}\n\n${usage}`);
      return 2;
    }
    throw err;
  }
}
