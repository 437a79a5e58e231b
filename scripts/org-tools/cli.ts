/**
 * The command-line tail the org tools share. A tool's `main(argv, env)` answers its exit code and
 * is what its tests call; `runCli` runs it when the file is the entry point.
 */

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs a tool's work; an error the tool expects (a target that cannot be reached, arguments the
 * org refuses) prints as `<tool>: <message>` and answers 2. Any other error goes on up.
 */
export async function expectedErrors(
  tool: string,
  expected: readonly ErrorClass[],
  work: () => Promise<number>,
): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (expected.some((kind) => error instanceof kind)) {
      console.error(`${tool}: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}

export interface CliOptions {
  /** The exit code when main throws (default 2). */
  readonly crashCode?: number;
  /**
   * Print a thrown error as `<brief>: <message>` (for tools whose failures are the user's to read)
   * instead of whole, with its stack (a bug in the tool: the stack shows where).
   */
  readonly brief?: string;
}

/**
 * When `entry` is the program node started (require.main), runs main with the command line. A
 * code main answers is the exit code; a main that answers nothing leaves the process to run (a
 * server) or end on its own. A thrown error is printed and exits with the crash code.
 */
export function runCli(
  entry: NodeJS.Module,
  main: (argv: string[]) => Promise<number | void>,
  options: CliOptions = {},
): void {
  if (require.main !== entry) return;
  main(process.argv.slice(2)).then(
    (code) => {
      if (typeof code === 'number') process.exit(code);
    },
    (error: unknown) => {
      console.error(options.brief === undefined ? error : `${options.brief}: ${(error as Error).message}`);
      process.exit(options.crashCode ?? 2);
    },
  );
}
