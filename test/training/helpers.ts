/** Shared pieces for the training tests: temp folders, configuration, a silent log, polling. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logging.js';

export function tempDir(prefix = 'pwbot-train-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export function testConfig(root: string, env: Record<string, string> = {}): Config {
  return loadConfig(
    {
      DATA_DIR: join(root, 'data'),
      OUT_DIR: join(root, 'out'),
      KNOWLEDGE_DIR: join(root, 'knowledge'),
      TRAIN_BACKEND: 'cpu',
      ...env,
    },
    undefined,
  );
}

export const silentLog = createLogger({ level: 'silent' });

export async function waitUntil(check: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
