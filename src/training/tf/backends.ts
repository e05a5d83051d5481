/**
 * Picking a TensorFlow.js backend, fastest first:
 *
 *   tensorflow-gpu  @tensorflow/tfjs-node-gpu (libtensorflow + CUDA), only when a CUDA device is visible
 *   tensorflow      @tensorflow/tfjs-node (libtensorflow on the CPU)
 *   wasm            @tensorflow/tfjs-backend-wasm (SIMD, single thread under Node)
 *   cpu             the pure-JS backend of @tensorflow/tfjs
 *
 * The two native packages are optional dependencies (their install script
 * downloads libtensorflow, which fails on machines without that download);
 * a missing one is skipped with the reason.
 *
 * Between the two in-process backends, `auto` picks by the model's size: wasm
 * (XNNPACK, SIMD) wins once the matrix products dominate, but each of its
 * kernel calls costs more than the pure-JS one, so for a tiny model, where a
 * training step is ~100 kernel calls on 10×10 matrices, cpu is faster. The
 * crossover measured by `npm run bench` (the "auto backend" rows) moved with
 * the hand-written training step (./step.ts, ./adam.ts): cpu is 1.3–1.7×
 * wasm on 10→10→1, wasm 10× cpu on 10→256→256→1, and with large datasets
 * the two meet near 10→16→1, later with small ones (wasm costs more per
 * epoch). Below `CPU_BELOW_TRAIN_FLOPS` training FLOPs per sample the cpu
 * backend goes first. TRAIN_BACKEND forces one backend:
 * then a failure is an error rather than a fallback, since the operator asked
 * for exactly that one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { UserError } from '../../core/errors.js';
import { flopsPerSample, type ModelShape, type Tf } from './model.js';

export const BACKENDS = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendPreference = BackendName | 'auto';

export interface SkippedBackend {
  readonly backend: BackendName;
  readonly reason: string;
}

export interface BackendChoice {
  readonly backend: BackendName;
  /** The TF.js namespace to use (a native package brings its own). */
  readonly tf: Tf;
  /** Faster backends that were tried and skipped, with the reason. */
  readonly skipped: readonly SkippedBackend[];
  /** One line for the result: why faster backends were skipped (undefined when none was). */
  readonly note: string | undefined;
}

/**
 * No backend that the setup allows works here. A UserError: the operator's
 * setup is at fault, not the code, so the job fails with this reason as is.
 */
export class BackendUnavailableError extends UserError {
  override readonly name = 'BackendUnavailableError';
  constructor(message: string) {
    super(message, { code: 'unsupported' });
  }
}

export interface BackendProbe {
  importModule(name: string): Promise<unknown>;
  cudaDevice(): { visible: boolean; reason: string };
}

const PACKAGES: Readonly<Partial<Record<BackendName, string>>> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
};

/** Is a CUDA device visible to this process? Cheap checks first; nvidia-smi last. */
export function detectCudaDevice(env: NodeJS.ProcessEnv = process.env): { visible: boolean; reason: string } {
  const mask = env.CUDA_VISIBLE_DEVICES;
  if (mask !== undefined && (mask.trim() === '' || mask.trim() === '-1')) return { visible: false, reason: `CUDA_VISIBLE_DEVICES=${JSON.stringify(mask)} hides every GPU` };
  try {
    if (existsSync('/proc/driver/nvidia/gpus') && readdirSync('/proc/driver/nvidia/gpus').length > 0) return { visible: true, reason: 'NVIDIA driver lists a GPU' };
  } catch {
    // unreadable: fall through to nvidia-smi
  }
  try {
    const out = execFileSync('nvidia-smi', ['-L'], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
    if (/^GPU \d+/m.test(out)) return { visible: true, reason: 'nvidia-smi lists a GPU' };
    return { visible: false, reason: 'nvidia-smi lists no GPU' };
  } catch {
    return { visible: false, reason: 'no NVIDIA driver or nvidia-smi found' };
  }
}

export const defaultProbe: BackendProbe = {
  importModule: (name) => import(name),
  cudaDevice: () => detectCudaDevice(),
};

/** A CommonJS package imported from ESM may put its API under `default`. */
function asTf(module: unknown): Tf | undefined {
  const m = module as { setBackend?: unknown; default?: { setBackend?: unknown } } | undefined;
  if (typeof m?.setBackend === 'function') return m as unknown as Tf;
  if (typeof m?.default?.setBackend === 'function') return m.default as unknown as Tf;
  return undefined;
}

function loadFailure(pkg: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  // Node says so with a code; bundlers and test runners that wrap import() only in words.
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || (message.includes(pkg) && /Cannot find (package|module)|Failed to (load|resolve)/.test(message))) {
    return `${pkg} is not installed (optional dependency; its install downloads libtensorflow)`;
  }
  const first = message.split('\n')[0] ?? '';
  return `${pkg} failed to load: ${first.slice(0, 160)}`;
}

async function tryBackend(name: BackendName, baseTf: Tf, probe: BackendProbe): Promise<{ tf: Tf } | { reason: string }> {
  const pkg = PACKAGES[name];
  if (pkg !== undefined) {
    if (name === 'tensorflow-gpu') {
      const cuda = probe.cudaDevice();
      if (!cuda.visible) return { reason: cuda.reason };
    }
    let native: unknown;
    try {
      native = await probe.importModule(pkg);
    } catch (error) {
      return { reason: loadFailure(pkg, error) };
    }
    // The native package re-exports the whole tf API and registers the "tensorflow" backend.
    const tf = asTf(native) ?? baseTf;
    try {
      if (!(await tf.setBackend('tensorflow'))) return { reason: `${pkg} loaded but its backend did not initialise` };
      await tf.ready();
    } catch (error) {
      return { reason: loadFailure(pkg, error) };
    }
    return { tf };
  }
  try {
    if (name === 'wasm') await probe.importModule('@tensorflow/tfjs-backend-wasm');
    if (!(await baseTf.setBackend(name))) return { reason: `the ${name} backend did not initialise` };
    await baseTf.ready();
    return { tf: baseTf };
  } catch (error) {
    return { reason: `the ${name} backend failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}` };
  }
}

export function skippedNote(skipped: readonly SkippedBackend[]): string | undefined {
  if (skipped.length === 0) return undefined;
  return `faster backends skipped: ${skipped.map((s) => `${s.backend} (${s.reason})`).join('; ')}`;
}

/** Training FLOPs per sample under which the pure-JS backend beats wasm (see the file comment). */
export const CPU_BELOW_TRAIN_FLOPS = 2000;

/** The order `auto` tries backends in, for a model of this shape (fastest first). */
export function autoOrder(shape?: ModelShape): BackendName[] {
  const small = shape !== undefined && flopsPerSample(shape).train < CPU_BELOW_TRAIN_FLOPS;
  return small ? ['tensorflow-gpu', 'tensorflow', 'cpu', 'wasm'] : [...BACKENDS];
}

/** `shape`: the model `auto` chooses for; without it, the general order (wasm before cpu). */
export async function selectBackend(preference: BackendPreference, probe: BackendProbe = defaultProbe, shape?: ModelShape): Promise<BackendChoice> {
  const baseTf = asTf(await probe.importModule('@tensorflow/tfjs'));
  if (baseTf === undefined) throw new BackendUnavailableError('@tensorflow/tfjs did not load as expected');
  if (preference !== 'auto') {
    const result = await tryBackend(preference, baseTf, probe);
    if ('reason' in result) throw new BackendUnavailableError(`TRAIN_BACKEND=${preference}, but that backend is not available: ${result.reason}`);
    return { backend: preference, tf: result.tf, skipped: [], note: undefined };
  }
  const skipped: SkippedBackend[] = [];
  for (const name of autoOrder(shape)) {
    const result = await tryBackend(name, baseTf, probe);
    if ('tf' in result) return { backend: name, tf: result.tf, skipped, note: skippedNote(skipped) };
    skipped.push({ backend: name, reason: result.reason });
  }
  throw new BackendUnavailableError(`no TensorFlow.js backend works here: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`);
}
