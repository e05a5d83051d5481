/**
 * Named preconditions (after Sapphire's): who may run a command, as small
 * named checks that a command or subcommand lists. Each runnable lists its
 * own; a subcommand does not inherit its parent's, so `/train status` simply
 * lists none instead of undoing `/train`'s. The router runs them in order and
 * the first that denies stops the command with a `PermissionError` carrying
 * its reason; the denial is logged with the precondition's name.
 */
import type { CommandContext, Precondition } from './command.js';

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
