import { describe, expect, it } from 'vitest';
import { CommandTemplateError, expandTemplate, parseCommandTemplate, splitCommandLine } from '../../src/training/external.js';
import { trainerEnv } from '../../src/training/service.js';
import { checkParams, DEFAULT_HIDDEN, type TrainParams } from '../../src/training/params.js';
import { formatTrainerLine, normaliseMetrics, parseTrainerLine } from '../../src/training/protocol.js';
import { fractionDone, historyTable, progressBar } from '../../src/training/format.js';
import { describeModel, flopsPerSample, parameterCount } from '../../src/training/tf/model.js';

describe('trainer protocol (JSON lines)', () => {
  it('reads the documented external format, snake or camel case', () => {
    expect(parseTrainerLine('{"backend":"torch cuda:0"}')).toEqual({ type: 'start', backend: 'torch cuda:0' });
    expect(parseTrainerLine('{"epoch": 3, "epochs": 10, "loss": 0.61, "accuracy": 0.7, "val_loss": 0.64, "val_accuracy": 0.69}')).toEqual({
      type: 'epoch',
      epoch: 3,
      epochs: 10,
      loss: 0.61,
      accuracy: 0.7,
      valLoss: 0.64,
      valAccuracy: 0.69,
    });
    expect(parseTrainerLine('{"epoch":1,"loss":0.5,"acc":0.8,"valLoss":0.4,"val_acc":0.9}')).toMatchObject({ type: 'epoch', accuracy: 0.8, valLoss: 0.4, valAccuracy: 0.9 });
    expect(parseTrainerLine('{"epoch":2,"batch":5,"batches":9}')).toEqual({ type: 'batch', epoch: 2, batch: 5, batches: 9 });
    expect(parseTrainerLine('{"done":true,"metrics":{"test_accuracy":0.9,"test_loss":0.3,"name":"x"},"artifact":"/m"}')).toEqual({
      type: 'done',
      metrics: { testAccuracy: 0.9, testLoss: 0.3 },
      artifact: '/m',
    });
    expect(parseTrainerLine('{"cancelled":true,"epoch":4}')).toEqual({ type: 'cancelled', epoch: 4 });
    expect(parseTrainerLine('{"error":"bad file","user":true}')).toEqual({ type: 'error', message: 'bad file', user: true });
  });

  it('keeps anything else as log output, never as a result', () => {
    expect(parseTrainerLine('Epoch 1/10 ━━━━ loss: 0.6')).toEqual({ type: 'log', line: 'Epoch 1/10 ━━━━ loss: 0.6' });
    expect(parseTrainerLine('{"epoch": 1, "loss": "high", "accuracy": 0.5}')).toMatchObject({ type: 'log' });
    expect(parseTrainerLine('{"epoch": 1, "loss": NaN}')).toMatchObject({ type: 'log' });
    expect(parseTrainerLine('{"something": 1}')).toMatchObject({ type: 'log' });
    expect(parseTrainerLine('   ')).toBeUndefined();
  });

  it('our worker prints what the parser reads back', () => {
    const events = [
      { type: 'start', backend: 'wasm', note: 'faster backends skipped: …' },
      { type: 'epoch', epoch: 2, epochs: 5, loss: 0.5, accuracy: 0.75, valLoss: 0.6, valAccuracy: 0.7, ms: 12 },
      { type: 'batch', epoch: 3, epochs: 5, batch: 2, batches: 4 },
      { type: 'done', metrics: { testAccuracy: 0.95, epochs: 5 }, artifact: '/tmp/x' },
      { type: 'cancelled', epoch: 1 },
      { type: 'error', message: 'nope', user: false },
    ] as const;
    for (const event of events) expect(parseTrainerLine(formatTrainerLine(event))).toEqual(event);
  });

  it('carries checkpoints and the epoch a run resumed from, both ways', () => {
    const start = { type: 'start', backend: 'cpu', resumedFrom: 5 } as const;
    const checkpoint = { type: 'checkpoint', epoch: 10, path: '/tmp/job-1/checkpoint' } as const;
    expect(parseTrainerLine(formatTrainerLine(start))).toEqual(start);
    expect(parseTrainerLine(formatTrainerLine(checkpoint))).toEqual(checkpoint);
    expect(parseTrainerLine('{"backend":"cpu","resumed_from":-1}')).toEqual({ type: 'log', line: '{"backend":"cpu","resumed_from":-1}' });
  });

  it('normalises metric names', () => {
    expect(normaliseMetrics({ test_acc: 0.5, val_loss: 1, samples_per_second: 3, bad: Number.NaN })).toEqual({ testAccuracy: 0.5, valLoss: 1, samplesPerSecond: 3 });
  });
});

describe('TRAIN_COMMAND templates', () => {
  it('split like a shell, without running one', () => {
    expect(splitCommandLine(`python3 "my trainer.py" --data {data} --name 'a b' x\\ y`)).toEqual(['python3', 'my trainer.py', '--data', '{data}', '--name', 'a b', 'x y']);
    expect(() => splitCommandLine('python3 "oops')).toThrow(CommandTemplateError);
    expect(() => splitCommandLine('   ')).toThrow(/empty/);
  });

  it('know their placeholders and never let a value become a new word', () => {
    expect(() => parseCommandTemplate('train --foo {fo}')).toThrow(/unknown placeholder \{fo\}/);
    const words = parseCommandTemplate('python3 t.py --data={data} --lr {lr} --tag job-{job}');
    const values = { data: '/d/x.csv; rm -rf /', params: '', out: '', job: '7', model: '', hidden: '', epochs: '', batch: '', lr: '0.01', val_split: '', test_split: '', seed: '', label: '' };
    expect(expandTemplate(words, values)).toEqual({ command: 'python3', args: ['t.py', '--data=/d/x.csv; rm -rf /', '--lr', '0.01', '--tag', 'job-7'] });
  });
});

describe('trainer environment', () => {
  it('keeps the bot secrets from trainers', () => {
    const env = trainerEnv({ PATH: '/usr/bin', SLACK_BOT_TOKEN: 'xoxb-1', DISCORD_TOKEN: 'd', OPENAI_API_KEY: 'k', SLACK_APP_TOKEN: 'a', SLACK_SIGNING_SECRET: 's', CUDA_VISIBLE_DEVICES: '0' });
    expect(env).toEqual({ PATH: '/usr/bin', CUDA_VISIBLE_DEVICES: '0' });
  });
});

describe('parameter limits', () => {
  const params: TrainParams = { model: 'small', hidden: [10], epochs: 10, batch: 32, lr: 0.001, valSplit: 0.2, testSplit: 0.2, seed: 42 };
  const limits = { maxEpochs: 500, maxRows: 1000, maxColumns: 20, maxFileBytes: 1000 };
  it('name the allowed range from configuration', () => {
    expect(checkParams(params, undefined, limits)).toEqual([]);
    expect(checkParams({ ...params, epochs: 0 }, undefined, limits)).toEqual([{ param: 'epochs', message: 'must be between 1 and 500 (TRAIN_MAX_EPOCHS)' }]);
    expect(checkParams({ ...params, epochs: 501 }, undefined, { ...limits, maxEpochs: 500 })[0]?.param).toBe('epochs');
    expect(checkParams(params, { generator: 'linear', rows: 5000, features: 30 }, limits).map((p) => p.message)).toEqual([
      'must be between 10 and 1000 (TRAIN_MAX_ROWS)',
      'must be between 1 and 20 (TRAIN_MAX_COLUMNS)',
    ]);
    expect(checkParams(params, { generator: 'xor', rows: 100, features: 1 }, limits)[0]?.message).toMatch(/between 2 and 20 .* xor/);
    // The feature names the other parameter by its key; the chat layer words it as --model (test/bot/training/wording.test.ts).
    const oneLayer = checkParams({ ...params, hidden: [10, 5] }, undefined, limits)[0];
    expect(oneLayer?.message).toMatch(/one layer size for model small \(use model mlp for several layers\)/);
    expect(oneLayer?.inWords({ param: (key) => `<${key}>` })).toMatch(/one layer size for <model> small/);
    expect(checkParams({ ...params, model: 'mlp', hidden: [2000] }, undefined, limits)[0]?.message).toMatch(/each between 1 and 1024/);
    expect(DEFAULT_HIDDEN.mlp).toEqual([256, 256]);
  });
});

describe('model arithmetic and formatting', () => {
  it('counts parameters and FLOPs per sample', () => {
    expect(parameterCount({ features: 10, hidden: [10] })).toBe(10 * 10 + 10 + 10 + 1);
    expect(flopsPerSample({ features: 10, hidden: [10] })).toEqual({ forward: 2 * (100 + 10), train: 6 * 110 });
    expect(flopsPerSample({ features: 10, hidden: [256, 256] }).forward).toBe(2 * (2560 + 65536 + 256));
    expect(describeModel({ features: 10, hidden: [10] })).toBe('10 → Dense 10 ReLU → Dense 1 sigmoid');
  });
  it('draws progress and shortens long histories', () => {
    expect(progressBar(0.5, 10)).toBe('█████░░░░░ 50%');
    expect(progressBar(2, 4)).toBe('████ 100%');
    const job = { params: { epochs: 10 } } as Parameters<typeof fractionDone>[0];
    expect(fractionDone(job, { epoch: 3, epochs: 10, batch: 1, batches: 2 })).toBeCloseTo(0.25);
    expect(fractionDone(job, { epoch: 3, epochs: 10 })).toBeCloseTo(0.3);
    const history = Array.from({ length: 40 }, (_, i) => ({ epoch: i + 1, loss: 1, accuracy: 0.5, ms: 1 }));
    const table = historyTable(history, 6);
    expect(table.rows.map((r) => r[0])).toEqual([1, 2, 3, '…', 38, 39, 40]);
    expect(table.caption).toMatch(/40 epochs/);
  });
});
