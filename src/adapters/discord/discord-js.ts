/**
 * discord.js, loaded so that a `Set.prototype.toJSON` defined by another
 * library does not break it (see ./set-tojson-guard.ts). The adapter imports
 * discord.js only through this module. Module evaluation follows the order of
 * these statements: the guard runs first, then discord.js, then this body.
 */
import { restoreSetToJSON } from './set-tojson-guard.js';

export * from 'discord.js';

restoreSetToJSON();
