import { z } from 'zod';
import { defineCommand, helpForCommand, helpForSubcommand, helpOverview, UserError } from '../src/core/index.js';

export default defineCommand({
  name: 'help',
  aliases: ['commands'],
  description: 'List the commands, or show one command\'s (or subcommand\'s) options and examples',
  examples: ['/help', '/help pricewar', '/help pricewar trend'],
  args: z.object({
    command: z.string().optional().describe('A command name, with or without the slash'),
    subcommand: z.string().optional().describe('One of its subcommands, e.g. trend for /pricewar'),
  }),
  positionals: ['command', 'subcommand'],
  run(ctx, { command, subcommand }) {
    if (command === undefined) return helpOverview(ctx.commands.list());
    const name = command.replace(/^[/／]/, '').toLowerCase();
    const definition = ctx.commands.get(name);
    if (definition === undefined) {
      throw new UserError(`There is no /${name} command. Type /help for the list.`, { code: 'unknown_command' });
    }
    if (subcommand === undefined) return helpForCommand(definition);
    const subName = subcommand.toLowerCase();
    if (definition.subcommands?.[subName] === undefined) {
      const subs = Object.keys(definition.subcommands ?? {});
      const known = subs.length === 0 ? `/${definition.name} has no subcommands; /help ${definition.name} shows its options.` : `Its subcommands: ${subs.join(', ')} (/help ${definition.name} describes them).`;
      throw new UserError(`There is no /${definition.name} ${subName} subcommand. ${known}`, { code: 'unknown_command' });
    }
    return helpForSubcommand(definition, subName);
  },
});
