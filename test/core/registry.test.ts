import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../src/core/command.js';
import { CommandRegistry, RegistryError } from '../../src/core/registry.js';
import { COMMANDS_DIR } from '../../src/app.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/registry/${name}`, import.meta.url));

describe('CommandRegistry.loadDirectory', () => {
  it('loads every command file, by name and alias', async () => {
    const registry = await CommandRegistry.loadDirectory(fixture('valid'));
    expect(registry.list().map((c) => c.name)).toEqual(['alpha', 'beta']);
    expect(registry.get('a')?.name).toBe('alpha');
    expect(registry.get('ALPHA')?.name).toBe('alpha');
  });

  it('refuses a duplicate alias, naming both files', async () => {
    const error = await CommandRegistry.loadDirectory(fixture('duplicate')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).message).toMatch(/other\.ts: "\/a" is already defined by .*alpha\.ts/);
  });

  it('refuses a default export that is not a defineCommand result', async () => {
    const error = await CommandRegistry.loadDirectory(fixture('invalid')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).problems).toHaveLength(1);
    expect((error as RegistryError).message).toContain('notacommand.ts: the default export is not a defineCommand(...) result');
  });

  it('refuses a file without a default export', async () => {
    const error = await CommandRegistry.loadDirectory(fixture('noexport')).catch((e: unknown) => e);
    expect((error as RegistryError).message).toContain('helper.ts: has no default export');
  });

  it('reports a file that throws at import instead of skipping it', async () => {
    const error = await CommandRegistry.loadDirectory(fixture('throws')).catch((e: unknown) => e);
    expect((error as RegistryError).message).toContain('broken.ts: failed to load (this module fails at import)');
  });

  it('reports a missing folder', async () => {
    await expect(CommandRegistry.loadDirectory(fixture('nope'))).rejects.toThrow(/cannot read the commands folder/);
  });

  it('loads the real commands/ folder', async () => {
    const registry = await CommandRegistry.loadDirectory(COMMANDS_DIR);
    expect(registry.get('help')).toBeDefined();
    expect(registry.get('ask')).toBeDefined();
  });
});

describe('defineCommand', () => {
  const base = { description: 'd', examples: ['/x'], args: z.object({}), run: () => ({ text: '' }) };

  it('rejects bad names, long descriptions and non-zod args at definition time', () => {
    expect(() => defineCommand({ ...base, name: 'Bad Name' })).toThrow(/name/);
    expect(() => defineCommand({ ...base, name: 'ok', description: 'x'.repeat(101) })).toThrow(/100 characters/);
    expect(() => defineCommand({ ...base, name: 'ok', args: {} as never })).toThrow(/zod object/);
  });

  it('rejects positionals that are not keys of args, or a rest positional that is not last', () => {
    expect(() => defineCommand({ ...base, name: 'ok', positionals: ['nope'] })).toThrow(/"nope" is not a key of args/);
    expect(() =>
      defineCommand({ ...base, name: 'ok', args: z.object({ a: z.array(z.string()), b: z.string() }), positionals: ['a...', 'b'] }),
    ).toThrow(/must be last/);
  });

  it('refuses duplicate names across definitions', () => {
    const one = defineCommand({ ...base, name: 'same' });
    const two = defineCommand({ ...base, name: 'same' });
    expect(() => new CommandRegistry([{ definition: one, source: 'one.ts' }, { definition: two, source: 'two.ts' }])).toThrow(RegistryError);
  });
});
