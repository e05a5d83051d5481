/** The platform-free core: what commands, adapters and features import. */
export * from './adapter.js';
export * from './capabilities.js';
export * from './failure.js';
export * from './preconditions.js';
export * from './command.js';
export * from './errors.js';
export * from './message.js';
export * from './reply.js';
export * from './services.js';
export { usageLine, subcommandUsage, subcommandExample, helpOverview, helpForCommand, helpForSubcommand } from './help.js';
export { camelToKebab, describeArgs, takesOnlyText, type ArgInfo, type ArgKind } from './schema.js';
export { EditPacer, type EditPacerOptions } from './edit-pacer.js';
export { parseLine, tokenize, quoteToken } from './parser.js';
export { Bot, type HandleOptions } from './bot.js';
export { CommandRegistry, RegistryError } from './registry.js';
