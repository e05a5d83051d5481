/** Who may start or cancel training jobs: the TrainingAllowed precondition, asked as the router asks it. */
import { describe, expect, it } from 'vitest';
import { TrainingAllowed } from '../../../src/bot/training/preconditions.js';
import type { CommandContext } from '../../../src/core/command.js';
import { testAdapter } from '../../fakes/bot.js';

/**
 * `userKey` as the router builds it, through an adapter with `platform`'s
 * capabilities: the real console's and CLI's (local operators), a shared
 * workspace's for Slack and Discord.
 */
function mayTrain(userKey: string, platform: string, allowList: string[]) {
  const ctx = { userKey, platform, adapter: testAdapter(platform), config: { TRAIN_ALLOWED_USERS: allowList } } as unknown as CommandContext;
  return TrainingAllowed.check(ctx);
}

describe('TrainingAllowed', () => {
  it('is named, for the denial log', () => {
    expect(TrainingAllowed.name).toBe('TrainingAllowed');
  });
  it('empty list: the local console and CLI only, nobody on Slack or Discord', () => {
    expect(mayTrain('console:bob', 'console', [])).toBe(true);
    expect(mayTrain('cli:root', 'cli', [])).toBe(true);
    expect(mayTrain('slack:U1', 'slack', [])).toMatch(/TRAIN_ALLOWED_USERS is empty.*slack:U1/);
    expect(mayTrain('discord:42', 'discord', [])).toMatch(/off on discord/);
  });
  it('a list allows exactly the listed platform-qualified ids (or platform:*)', () => {
    expect(mayTrain('slack:U1', 'slack', ['slack:U1'])).toBe(true);
    expect(mayTrain('discord:U1', 'discord', ['slack:U1'])).toMatch(/discord:U1 is not one of them/);
    expect(mayTrain('console:bob', 'console', ['slack:U1'])).toMatch(/not one of them/);
    expect(mayTrain('discord:9', 'discord', ['discord:*'])).toBe(true);
  });
  it('decides by what the adapter can do, not by its name: a new local adapter needs no allow-list', () => {
    const local = { ...testAdapter('kiosk'), capabilities: { ...testAdapter('console').capabilities } };
    const ctx = { userKey: 'kiosk:ann', platform: 'kiosk', adapter: local, config: { TRAIN_ALLOWED_USERS: [] } } as unknown as CommandContext;
    expect(TrainingAllowed.check(ctx)).toBe(true);
    expect(mayTrain('kiosk:ann', 'kiosk', [])).toMatch(/off on kiosk/);
  });
});
