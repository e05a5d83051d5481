import { z } from 'zod';
import { defineCommand, helpForCommand, helpOverview, UserError } from '../src/core/index.js';

export default defineCommand({
  name: 'help',
  aliases: ['commands'],
  description: 'List the commands, or show one command\'s options and examples',
  examples: ['/help', '/help pricewar'],
  args: z.object({
    command: z.string().optional().describe('A command name, with or without the slash'),
  }),
  positionals: ['command'],
  run(ctx, { command }) {
    if (command === undefined) return helpOverview(ctx.commands.list());
    const name = command.replace(/^[/／]/, '').toLowerCase();
    const definition = ctx.commands.get(name);
    if (definition === undefined) {
      throw new UserError(`There is no /${name} command. Type /help for the list.`, { code: 'unknown_command' });
    }
    return helpForCommand(definition);
  },
});
