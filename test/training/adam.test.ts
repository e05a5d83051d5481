/** The loop Adam (src/training/tf/adam.ts) against TF.js's AdamOptimizer, and its state in and out of the optimizer. */
import type * as tfType from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { HostAdam, hostAdamFits, WASM_HOST_ADAM_BELOW_PARAMETERS } from '../../src/training/tf/adam.js';
import { selectBackend } from '../../src/training/tf/backends.js';
import { buildModel, type Tf } from '../../src/training/tf/model.js';

const SHAPE = { features: 4, hidden: [6] };

function variablesOf(model: tfType.Sequential): tfType.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tfType.Variable);
}

/** Gradients for step `t`: fixed random values, the same for every model (seeded). */
function gradientsAt(tf: Tf, variables: readonly tfType.Variable[], t: number): tfType.Tensor[] {
  // Seeds from 1: TF.js treats a seed of 0 as none.
  return variables.map((v, i) => tf.randomNormal(v.shape, 0, 0.5, 'float32', 1000 * t + i + 1));
}

const values = (tensors: readonly tfType.Tensor[]): number[][] => tensors.map((t) => Array.from(t.dataSync()));

async function optimizerState(model: tfType.Sequential): Promise<{ name: string; values: number[] }[]> {
  const state = await model.optimizer.getWeights();
  return state.map((s) => ({ name: s.name, values: Array.from(s.tensor.dataSync()) }));
}

describe.each(['cpu', 'wasm'] as const)('HostAdam on %s', (backend) => {
  it('gives bit for bit the weights and optimizer state TF.js’s Adam gives', async () => {
    const tf: Tf = (await selectBackend(backend)).tf;
    const reference = buildModel(tf, SHAPE, { lr: 0.01, seed: 5 });
    const model = buildModel(tf, SHAPE, { lr: 0.01, seed: 5 });
    const refVars = variablesOf(reference);
    const vars = variablesOf(model);
    const adam = await HostAdam.open(tf, model.optimizer, vars);
    expect(adam).toBeDefined();
    for (let t = 0; t < 25; t++) {
      tf.tidy(() => {
        const g = gradientsAt(tf, vars, t);
        reference.optimizer.applyGradients(refVars.map((v, i) => ({ name: v.name, tensor: g[i] as tfType.Tensor })));
        adam!.step(g);
      });
    }
    expect(values(vars)).toEqual(values(refVars));
    // Moved: the comparison is not between two untouched models.
    expect(values(vars)).not.toEqual(values(variablesOf(buildModel(tf, SHAPE, { lr: 0.01, seed: 5 }))));
    await adam!.flush();
    const ours = await optimizerState(model);
    const theirs = await optimizerState(reference);
    expect(ours.map((s) => s.values)).toEqual(theirs.map((s) => s.values));
    expect(ours[0]).toEqual({ name: 'iter', values: [25] });
    expect(ours).toHaveLength(1 + 2 * vars.length);
  });

  it('opened from a restored state (as after a checkpoint), goes on exactly as one that never stopped', async () => {
    const tf: Tf = (await selectBackend(backend)).tf;
    const whole = buildModel(tf, SHAPE, { lr: 0.01, seed: 6 });
    const wholeAdam = (await HostAdam.open(tf, whole.optimizer, variablesOf(whole)))!;
    const first = buildModel(tf, SHAPE, { lr: 0.01, seed: 6 });
    const firstAdam = (await HostAdam.open(tf, first.optimizer, variablesOf(first)))!;
    for (let t = 0; t < 7; t++) tf.tidy(() => {
      wholeAdam.step(gradientsAt(tf, variablesOf(whole), t));
      firstAdam.step(gradientsAt(tf, variablesOf(first), t));
    });
    await firstAdam.flush();
    // What checkpoint.ts saves and restores: the model's weights and the optimizer's getWeights.
    const resumed = buildModel(tf, SHAPE, { lr: 0.01, seed: 99 });
    resumed.setWeights(first.getWeights());
    const saved = await first.optimizer.getWeights();
    await resumed.optimizer.setWeights(saved.map((s) => ({ name: s.name, tensor: s.tensor.clone() })));
    const resumedAdam = (await HostAdam.open(tf, resumed.optimizer, variablesOf(resumed)))!;
    for (let t = 7; t < 15; t++) tf.tidy(() => {
      wholeAdam.step(gradientsAt(tf, variablesOf(whole), t));
      resumedAdam.step(gradientsAt(tf, variablesOf(resumed), t));
    });
    expect(values(variablesOf(resumed))).toEqual(values(variablesOf(whole)));
    await Promise.all([wholeAdam.flush(), resumedAdam.flush()]);
    // Values only: the moments keep the names they were saved under (TF.js numbers the variables of each model it builds).
    expect((await optimizerState(resumed)).map((s) => s.values)).toEqual((await optimizerState(whole)).map((s) => s.values));
  });
});

describe('where the loop is used', () => {
  it('always on cpu; on wasm below the parameter count where its SIMD kernels win; never on native backends', () => {
    expect(hostAdamFits('cpu', 10_000_000)).toBe(true);
    expect(hostAdamFits('wasm', 121)).toBe(true);
    expect(hostAdamFits('wasm', WASM_HOST_ADAM_BELOW_PARAMETERS)).toBe(false);
    expect(hostAdamFits('tensorflow', 121)).toBe(false);
  });
});
