/**
 * The training feature names parameters by their keys (and no command); the
 * chat layer words its errors with the /train flags and commands. These are
 * the assertions that used to check the feature's own output, through the
 * real router now, with the same regexes.
 */
import { describe, expect, it } from 'vitest';
import { chatWords, flagName, trainLine } from '../../../src/bot/training/words.js';
import { consoleTrainBotPerTest, memoryFile } from './helpers.js';

describe('/train words the feature’s errors with its flags', () => {
  const { setup } = consoleTrainBotPerTest();

  it('--label names a column the file does not have', async () => {
    const { bot, adapter } = await setup();
    const text = `y2,f1,f2\n${Array.from({ length: 12 }, (_, i) => `${i % 2},${i},${i * 3}`).join('\n')}`;
    const outcome = await adapter.say(bot, '/train --label nope', { files: [memoryFile('l.csv', text)] });
    expect(outcome.ok).toBe(false);
    expect(outcome.reply.text).toMatch(/no column "nope" for --label \(columns: y2, f1, f2\)/);
    expect(outcome.error?.code).toBe('bad_arguments');
  });

  it('--hidden with several layers for --model small', async () => {
    const { bot, adapter } = await setup();
    expect((await adapter.say(bot, '/train --hidden 10,5')).reply.text).toMatch(/one layer size for --model small/);
  });

  it('--dataset must be a plain name', async () => {
    const { bot, adapter } = await setup();
    const outcome = await adapter.say(bot, '/train --dataset ../etc/passwd');
    expect(outcome.reply.text).toMatch(/^--dataset must be a plain name, not a path\. /);
    expect(outcome.error?.code).toBe('bad_arguments');
  });

  it('the per-user cap says how to cancel with the /train command', async () => {
    const { bot, adapter } = await setup({ TRAIN_MAX_QUEUED_PER_USER: '1' });
    expect((await adapter.say(bot, '/train --epochs 300 --rows 3000')).ok).toBe(true);
    const second = await adapter.say(bot, '/train');
    expect(second.error?.code).toBe('limit_exceeded');
    expect(second.reply.text).toMatch(/the limit is 1 per user \(TRAIN_MAX_QUEUED_PER_USER\)\. Wait for one to finish or cancel one with \/train cancel <id>\.$/);
    await adapter.say(bot, '/train cancel 1');
  });

  it('spells keys as flags, and a job as the /train line that runs it again', () => {
    expect(flagName('valSplit')).toBe('--val-split');
    expect(chatWords.param('label')).toBe('--label');
    const base = { params: { model: 'small' as const, hidden: [10], epochs: 10, batch: 32, lr: 0.001, valSplit: 0.2, testSplit: 0.2, seed: 42 }, dataset: { kind: 'generated' as const, generator: 'linear' as const, rows: 100, features: 10 } };
    expect(trainLine(base, { epochs: 100, lr: 0.01 })).toBe('/train --epochs 100 --lr 0.01');
    expect(trainLine({ ...base, params: { ...base.params, seed: 7, valSplit: 0.1 } }, { epochs: 100, lr: 0.01 })).toBe('/train --epochs 100 --lr 0.01 --val-split 0.1 --seed 7');
    expect(trainLine({ params: { ...base.params, model: 'mlp', hidden: [16, 16], lr: 0.02 }, dataset: { kind: 'generated', generator: 'xor', rows: 400, features: 2 } }, { epochs: 100 })).toBe(
      '/train --epochs 100 --lr 0.02 --model mlp --hidden 16,16 --dataset xor --rows 400 --features 2',
    );
    expect(trainLine({ ...base, dataset: { kind: 'csv', name: 'my data.csv', path: '/d/my data.csv', origin: 'library', label: 'has churned' } }, { epochs: 100, lr: 0.01 })).toBe(
      '/train --epochs 100 --lr 0.01 --dataset "my data" --label "has churned"',
    );
    // A button cannot attach the file again.
    expect(trainLine({ ...base, dataset: { kind: 'csv', name: 'a.csv', path: '/u/a.csv', origin: 'attached', label: 'y' } }, { epochs: 100 })).toBeUndefined();
  });
});
