/**
 * Who may start or cancel training jobs. Training is expensive (minutes of
 * CPU or GPU), so in a shared workspace only the people an operator listed
 * in TRAIN_ALLOWED_USERS may; with the list empty, only a local operator
 * (whoever types at the bot's own machine already owns it: the console, the
 * CLI) — nobody in a shared workspace. `<platform>:*` in the list allows
 * everyone coming through that adapter.
 */
import { definePrecondition, hasCapability, type PreconditionResult } from '../../core/index.js';

export interface Asker {
  /** `platform:userId`, as TRAIN_ALLOWED_USERS lists people. */
  readonly userKey: string;
  /** The adapter the asker came through (its id, for the allow-list and the message). */
  readonly platform: string;
  /** The asker sits at the bot's own machine (the adapter's `localOperator` capability). */
  readonly localOperator: boolean;
}

export function mayTrain(asker: Asker, allowList: readonly string[]): PreconditionResult {
  const { userKey, platform } = asker;
  if (allowList.length === 0) {
    if (asker.localOperator) return true;
    return `Training jobs are off on ${platform}: TRAIN_ALLOWED_USERS is empty, which allows only a local operator (the console and the CLI). An operator can add you as ${userKey} (or ${platform}:* for everyone there).`;
  }
  if (allowList.includes(userKey) || allowList.includes(`${platform}:*`)) return true;
  return `Only the users listed in TRAIN_ALLOWED_USERS may start or cancel training jobs, and ${userKey} is not one of them. Ask an operator to add you.`;
}

/** Listed by `/train` and `/train cancel`; looking (status, list) needs nothing. */
export const TrainingAllowed = definePrecondition('TrainingAllowed', (ctx) =>
  mayTrain({ userKey: ctx.userKey, platform: ctx.platform, localOperator: hasCapability(ctx.adapter, 'localOperator') }, ctx.config.TRAIN_ALLOWED_USERS),
);
