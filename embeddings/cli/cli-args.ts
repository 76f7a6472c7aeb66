/**
 * Minimal argument parsing shared by the model CLIs: positional arguments plus `--flag value`
 * (or `--flag=value`) options. The CLIs are edges, so they, not the library, read DATA_DIR.
 */

/** Parsed command line. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string>;
}

/** Parses `argv` (without node and script); flags listed in `booleanFlags` take no value. */
export function parseArgs(argv: string[], booleanFlags: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (eq > 0) flags.set(name, arg.slice(eq + 1));
    else if (booleanFlags.includes(name)) flags.set(name, 'true');
    else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
      flags.set(name, value);
      i++;
    }
  }
  return { positionals, flags };
}

/** DATA_DIR resolution order: --data-dir, then the DATA_DIR environment variable, then ./data. */
export function dataDirFrom(args: ParsedArgs, environment: NodeJS.ProcessEnv): string {
  return args.flags.get('data-dir') ?? environment['DATA_DIR'] ?? './data';
}
