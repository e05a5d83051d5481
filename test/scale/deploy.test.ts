/**
 * The deployment files are checked here, since no Docker daemon runs on the
 * test machine: the compose file parses, names Redis, a bot and a worker
 * wired to it (the GPU worker with the NVIDIA device reservation), every
 * service's environment is a configuration the bot accepts, the commands and
 * files they name exist; the systemd unit runs the worker bin.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { REPO_ROOT } from './helpers.js';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
  deploy?: { resources?: { reservations?: { devices?: { driver: string; count: string | number; capabilities: string[] }[] } } };
}

const deploy = join(REPO_ROOT, 'deploy');
const compose = parse(readFileSync(join(deploy, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service>; volumes: Record<string, unknown> };

describe('deploy/docker-compose.yml', () => {
  it('has redis, one bot and one worker (plus a GPU worker profile), all on the one Redis', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['bot', 'redis', 'worker', 'worker-gpu']);
    const { redis, bot, worker } = compose.services as Record<string, Service>;
    expect(redis?.image).toMatch(/^redis:/);
    for (const s of [bot, worker, compose.services['worker-gpu']]) {
      expect(s?.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(s?.depends_on?.redis?.condition).toBe('service_healthy');
    }
    expect(bot?.command?.join(' ')).toContain('src/main.ts');
    expect(worker?.command?.join(' ')).toContain('src/entry/worker.ts');
    expect(compose.services['worker-gpu']?.profiles).toEqual(['gpu']);
  });

  it('reserves the NVIDIA GPUs for the GPU worker', () => {
    const devices = compose.services['worker-gpu']?.deploy?.resources?.reservations?.devices ?? [];
    expect(devices).toEqual([{ driver: 'nvidia', count: 'all', capabilities: ['gpu'] }]);
    expect(compose.services['worker-gpu']?.environment?.TRAIN_BACKEND).toBe('tensorflow-gpu');
  });

  it('gives each service an environment the configuration accepts, and names files that exist', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      if (name === 'redis') continue;
      expect(() => loadConfig({ ...s.environment }, undefined), name).not.toThrow();
      const script = s.command?.find((w) => w.startsWith('src/'));
      expect(script !== undefined && existsSync(join(REPO_ROOT, script)), `${name}: ${script}`).toBe(true);
    }
    const build = compose.services.bot?.build;
    expect(build !== undefined && existsSync(join(deploy, build.context, build.dockerfile))).toBe(true);
    expect(Object.keys(compose.volumes).sort()).toEqual(['bot-data', 'models', 'redis-data']);
  });
});

describe('deploy/pwbot-worker.service', () => {
  it('runs the worker bin from an environment file that sets REDIS_URL', () => {
    const unit = readFileSync(join(deploy, 'pwbot-worker.service'), 'utf8');
    const exec = /^ExecStart=\S+ (\S+)$/m.exec(unit)?.[1];
    expect(exec).toBe('bin/pwbot-worker.js');
    expect(existsSync(join(REPO_ROOT, exec as string))).toBe(true);
    expect(unit).toMatch(/^EnvironmentFile=\S+$/m);
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(/REDIS_URL/);
  });
});
