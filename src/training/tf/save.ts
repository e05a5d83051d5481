/**
 * Saving a model in the TF.js layers format (model.json + weights.bin) without
 * tfjs-node: its `file://` handler is the only one that writes to disk, and
 * the pure-JS backends must save too. The files are the same as tfjs-node
 * writes, so `tf.loadLayersModel('file://…/model.json')` (tfjs-node) or the
 * browser loader reads them; `loadModelFiles` reads them back here.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tfType from '@tensorflow/tfjs';
import type { Tf } from './model.js';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

export interface SavedModel {
  readonly dir: string;
  readonly modelPath: string;
  readonly weightsPath: string;
  readonly weightBytes: number;
}

export async function saveModelFiles(tf: Tf, model: tfType.LayersModel, dir: string): Promise<SavedModel> {
  await mkdir(dir, { recursive: true });
  let weightBytes = 0;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData));
      weightBytes = weights.byteLength;
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        ...(artifacts.trainingConfig === undefined ? {} : { trainingConfig: artifacts.trainingConfig }),
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeAtomically(join(dir, WEIGHTS_FILE), weights);
      await writeAtomically(join(dir, MODEL_FILE), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return { dir, modelPath: join(dir, MODEL_FILE), weightsPath: join(dir, WEIGHTS_FILE), weightBytes };
}

/** Read a model saved by `saveModelFiles` (or tfjs-node's `file://` handler) with any backend. */
export async function loadModelFiles(tf: Tf, dir: string): Promise<tfType.LayersModel> {
  const json = JSON.parse(await readFile(join(dir, MODEL_FILE), 'utf8')) as tfType.io.ModelJSON;
  const manifest = json.weightsManifest ?? [];
  const buffers: ArrayBuffer[] = [];
  for (const group of manifest) {
    for (const path of group.paths) {
      const bytes = await readFile(join(dir, path));
      buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    }
  }
  const artifacts: tfType.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: manifest.flatMap((g) => g.weights),
    weightData: tf.io.CompositeArrayBuffer.join(buffers),
    ...(json.format === undefined ? {} : { format: json.format }),
  };
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}
