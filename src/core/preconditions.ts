/**
 * Named preconditions (after Sapphire's): who may run a command, as small
 * named checks that a command or subcommand lists. Each runnable lists its
 * own; a subcommand does not inherit its parent's, so `/train status` simply
 * lists none instead of undoing `/train`'s. The router runs them in order and
 * the first that denies stops the command with a `PermissionError` carrying
 * its reason; the denial is logged with the precondition's name.
 */
import { hasCapability } from './capabilities.js';
import type { CommandContext, Precondition, PreconditionResult } from './command.js';

export type { Precondition, PreconditionResult } from './command.js';

export function definePrecondition(name: string, check: Precondition['check']): Precondition {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`invalid precondition name "${name}": letters and digits, starting with a letter`);
  return Object.freeze({ name, check });
}

/** The first denial among `preconditions`, in order, or undefined when all allow. */
export async function firstDenial(preconditions: readonly Precondition[], ctx: CommandContext): Promise<{ precondition: Precondition; reason: string } | undefined> {
  for (const precondition of preconditions) {
    const verdict = await precondition.check(ctx);
    if (verdict !== true) return { precondition, reason: verdict };
  }
  return undefined;
}

/**
 * Whether `userKey` (`platform:userId`) is a bot admin. A local operator (the
 * console, the CLI: whoever types at the bot's own machine already owns it)
 * always is; anyone else only when BOT_ADMINS lists them or their platform
 * (`<platform>:*`).
 */
export function isAdmin(asker: { userKey: string; platform: string; localOperator: boolean }, admins: readonly string[]): boolean {
  return asker.localOperator || admins.includes(asker.userKey) || admins.includes(`${asker.platform}:*`);
}

export function adminVerdict(ctx: CommandContext): PreconditionResult {
  const asker = { userKey: ctx.userKey, platform: ctx.platform, localOperator: hasCapability(ctx.adapter, 'localOperator') };
  if (isAdmin(asker, ctx.config.BOT_ADMINS)) return true;
  return `Only bot admins may do this, and ${ctx.userKey} is not one. An operator can add you to BOT_ADMINS as ${ctx.userKey}.`;
}

/** Listed by maintenance commands (`/faq gaps`, `/faq reload`, `/pricewar sync`, cancelling another person's job). */
export const AdminOnly = definePrecondition('AdminOnly', adminVerdict);
