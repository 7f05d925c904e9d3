/**
 * Every `gantry` command, as data: main.ts turns this list into the commander program (help,
 * examples, flags). A new area adds its commands by appending one spec list here.
 */
import { DR_COMMANDS } from "./dr";
import { OFFLINE_COMMANDS } from "./offline";
import { RELEASE_COMMANDS } from "./release";

export interface OptionSpec {
  /** commander flag syntax, e.g. "--image <ref>" or "--json". */
  readonly flags: string;
  readonly description: string;
  /** Repeatable string option (collected into an array). */
  readonly repeatable?: boolean;
}

export interface CommandSpec {
  readonly name: string;
  /** commander argument syntax, e.g. ["<stack>"] or ["<from>", "<to>"]. */
  readonly args: readonly string[];
  readonly summary: string;
  readonly examples: readonly string[];
  readonly options: readonly OptionSpec[];
  /** Runs the command; returns the exit code (0 ok, 1 failed/refused, 2 bad input, 3 locked). */
  run(args: string[], options: Record<string, unknown>): Promise<number>;
}

export const COMMANDS: readonly CommandSpec[] = [...OFFLINE_COMMANDS, ...DR_COMMANDS, ...RELEASE_COMMANDS];

export const EXIT_CODES = `Exit codes: 0 ok · 1 operation failed or refused, or a mandatory policy violation · 2 bad input (invalid config, unknown stack, bad reference or flags) · 3 stack locked by another operation`;
