/**
 * What the subcommands (import, export, diff, explain) share before their work: `-h`/`--help`
 * prints the help and exits 0; a usage error prints its message and the usage and exits 2.
 */

/** A mistake in the command line: the command prints it with its usage and exits 2. */
export class UsageError extends Error {}

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
