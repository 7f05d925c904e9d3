/**
 * The `gantry` command line, built with commander from the command list in registry.ts.
 * Exit codes: 0 ok, 1 failed/refused/mandatory violation, 2 bad input, 3 stack locked.
 */
import { Command, CommanderError, Option } from "commander";
import { COMMANDS, EXIT_CODES } from "./registry";

function program(onCode: (code: number) => void): Command {
  const root = new Command("gantry")
    .description("gantry — staging and production on Pulumi, released blue-green")
    .helpOption("-h, --help", "this help")
    .exitOverride()
    .showSuggestionAfterError()
    .addHelpText(
      "after",
      `\nExamples:\n${COMMANDS.flatMap((c) => c.examples.slice(0, 2))
        .map((e) => `  ${e}`)
        .join("\n")}\n\n${EXIT_CODES}`,
    );
  root.configureOutput({ outputError: (s, write) => write(s.startsWith("error:") ? `gantry: ${s.slice(7)}` : s) });
  for (const spec of COMMANDS) {
    const cmd = root
      .command(spec.name)
      .description(spec.summary)
      .exitOverride()
      .addHelpText("after", `\nExamples:\n${spec.examples.map((e) => `  ${e}`).join("\n")}\n\n${EXIT_CODES}`);
    for (const a of spec.args) cmd.argument(a);
    for (const o of spec.options) {
      const opt = new Option(o.flags, o.description);
      if (o.repeatable) opt.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
      cmd.addOption(opt);
    }
    cmd.action(async (...params: unknown[]) => {
      const positional = params.slice(0, spec.args.length) as string[];
      const options = params[spec.args.length] as Record<string, unknown>;
      onCode(await spec.run(positional, options));
    });
  }
  return root;
}

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const root = program((c) => (code = c));
  if (argv.length === 0 || argv[0] === "help") argv = ["--help", ...argv.slice(1)];
  try {
    await root.parseAsync(argv, { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are "errors" to commander; everything else is bad usage.
      return e.code === "commander.helpDisplayed" || e.code === "commander.help" || e.code === "commander.version" ? 0 : 2;
    }
    throw e;
  }
}
