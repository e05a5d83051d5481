/**
 * `npm run worker` / `pwbot-worker`: a standalone training worker for the
 * scale-out engine. Reads the same configuration as the bot (REDIS_URL is
 * required; TRAIN_CONCURRENCY jobs at a time, TRAIN_BACKEND or
 * TRAIN_COMMAND, TRAIN_ARTIFACT_DIR for the saved models), checks once that
 * Redis answers, then takes jobs until SIGTERM/SIGINT.
 */
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createAppLogger } from '../logging.js';
import { checkRedisReachable } from '../training/bull-shared.js';
import { BullTrainingWorker } from '../training/bull-worker.js';
import { limitsFromConfig } from '../training/params.js';
import { artifactRoot, trainerEnv } from '../training/service.js';

export async function startWorker(config: Config): Promise<BullTrainingWorker> {
  if (config.REDIS_URL === undefined) throw new ConfigError('REDIS_URL is not set: a standalone training worker takes its jobs from Redis (e.g. REDIS_URL=redis://127.0.0.1:6379). Without it, the bot runs jobs itself.');
  await checkRedisReachable(config.REDIS_URL);
  const log = createAppLogger(config, { level: 'info' }).child({ module: 'training-worker' });
  const worker = new BullTrainingWorker({
    redisUrl: config.REDIS_URL,
    log,
    concurrency: config.TRAIN_CONCURRENCY,
    backend: config.TRAIN_BACKEND,
    artifactRoot: artifactRoot(config),
    limits: limitsFromConfig(config),
    ...(config.TRAIN_COMMAND === undefined ? {} : { command: config.TRAIN_COMMAND }),
    trainerEnv: trainerEnv(),
    stallMs: config.TRAIN_STALL_MS,
    maxAttempts: 3,
  });
  await worker.start();
  return worker;
}

export async function runWorkerMain(): Promise<void> {
  let worker: BullTrainingWorker | undefined;
  try {
    worker = await startWorker(loadConfig());
  } catch (error) {
    process.stderr.write(`pwbot-worker: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const stop = (): void => {
    void worker?.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] !== undefined && /entry[\\/]worker\.(ts|js)$/.test(process.argv[1])) void runWorkerMain();
