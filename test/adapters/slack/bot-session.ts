/**
 * What every end-to-end Slack test file sets up the same way: per test, a
 * harness in the file's mode with the test bot attached, and after each test
 * the gate released, the bot shut down and the harness closed.
 */
import { afterEach } from 'vitest';
import type { Bot } from '../../../src/core/bot.js';
import { testBot } from '../../fakes/bot.js';
import { Gate, testCommands, type TestCommandState } from './commands.js';
import { startSlackHarness, type HarnessOptions, type SlackHarness } from './harness.js';

export interface SlackBotSession {
  /** Shared with the test commands; `start()` puts a fresh gate in it. */
  readonly state: TestCommandState;
  /** Start a harness (options override the mode too) and attach a new test bot to its adapter. */
  start(options?: Partial<HarnessOptions>): Promise<SlackHarness>;
  /** Shut the bot down and attach a new one to the same adapter: a restart that keeps DATA_DIR. */
  restartBot(): Promise<void>;
  /** Shut the bot down now (the harness stays until the end of the test). */
  stopBot(): Promise<void>;
}

/** Call at the top level of a test file: registers the `afterEach` clean-up. */
export function useSlackBot(mode: HarnessOptions['mode']): SlackBotSession {
  const state: TestCommandState = { gate: new Gate() };
  let h: SlackHarness | undefined;
  let bot: Bot | undefined;

  afterEach(async () => {
    state.gate.release();
    await bot?.shutdown();
    await h?.close();
    h = undefined;
    bot = undefined;
  });

  return {
    state,
    async start(options = {}) {
      state.gate = new Gate();
      h = await startSlackHarness({ mode, ...options });
      bot = testBot(testCommands(state));
      await bot.attach(h.adapter);
      return h;
    },
    async restartBot() {
      if (h === undefined) throw new Error('restartBot() before start()');
      await bot?.shutdown();
      bot = testBot(testCommands(state));
      await bot.attach(h.adapter);
    },
    async stopBot() {
      await bot?.shutdown();
      bot = undefined;
    },
  };
}
