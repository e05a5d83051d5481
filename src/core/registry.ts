/**
 * Loads `commands/` at start-up. Every code file there must default-export a
 * `defineCommand(...)` result; a file that does not, or a name/alias used
 * twice, stops start-up with one error listing every problem — a command is
 * never silently skipped.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isCommandDefinition, validateCommandSpec, type CommandCatalog, type CommandDefinition } from './command.js';

export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(readonly problems: readonly string[]) {
    super(`cannot load commands:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface RegisteredCommand {
  readonly definition: CommandDefinition;
  /** File it came from, for error messages. */
  readonly source: string;
}

/** One file of commands/, imported: its path (for messages) and its exports. */
export interface CommandModule {
  readonly source: string;
  readonly module: { readonly default?: unknown };
}

const CODE_FILE = /\.(ts|mts|js|mjs)$/;
const NOT_A_COMMAND = /\.d\.ts$|\.(test|spec)\.[mc]?[jt]s$/;

export class CommandRegistry implements CommandCatalog {
  private readonly byName = new Map<string, RegisteredCommand>();
  private readonly ordered: CommandDefinition[] = [];

  constructor(entries: readonly RegisteredCommand[]) {
    const problems: string[] = [];
    for (const entry of entries) {
      const { definition, source } = entry;
      for (const key of [definition.name, ...(definition.aliases ?? [])]) {
        const existing = this.byName.get(key);
        if (existing !== undefined) {
          problems.push(`${source}: "/${key}" is already defined by ${existing.source}`);
          continue;
        }
        this.byName.set(key, entry);
      }
      this.ordered.push(definition);
    }
    if (problems.length > 0) throw new RegistryError(problems);
    this.ordered.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Import every code file in `dir`; collect all problems before failing. */
  static async loadDirectory(dir: string): Promise<CommandRegistry> {
    const absolute = resolve(dir);
    let files: string[];
    try {
      files = (await readdir(absolute)).filter((f) => CODE_FILE.test(f) && !NOT_A_COMMAND.test(f)).sort();
    } catch (error) {
      throw new RegistryError([`${dir}: cannot read the commands folder (${(error as Error).message})`]);
    }
    const modules: CommandModule[] = [];
    const problems: string[] = [];
    for (const file of files) {
      const source = join(dir, file);
      try {
        modules.push({ source, module: (await import(pathToFileURL(join(absolute, file)).href)) as { default?: unknown } });
      } catch (error) {
        problems.push(`${source}: failed to load (${(error as Error).message.split('\n')[0]})`);
      }
    }
    return CommandRegistry.fromModules(modules, problems);
  }

  /**
   * The same checks over modules already imported: the compiled bundle
   * (scripts/bundle.js) imports every file of commands/ statically, since a
   * bundle has no folder to read.
   */
  static fromModules(modules: readonly CommandModule[], earlierProblems: readonly string[] = []): CommandRegistry {
    const problems = [...earlierProblems];
    const entries: RegisteredCommand[] = [];
    for (const { source, module } of modules) {
      const exported = module.default;
      if (exported === undefined) {
        problems.push(`${source}: has no default export (expected \`export default defineCommand({...})\`)`);
        continue;
      }
      if (!isCommandDefinition(exported)) {
        const why = validateCommandSpec(exported);
        problems.push(`${source}: the default export is not a defineCommand(...) result${why.length > 0 ? ` (${why.join('; ')})` : ''}`);
        continue;
      }
      entries.push({ definition: exported, source });
    }
    if (problems.length > 0) throw new RegistryError(problems);
    return new CommandRegistry(entries);
  }

  get(nameOrAlias: string): CommandDefinition | undefined {
    return this.byName.get(nameOrAlias.toLowerCase())?.definition;
  }

  list(): readonly CommandDefinition[] {
    return this.ordered;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}
