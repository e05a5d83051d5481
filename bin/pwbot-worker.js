#!/usr/bin/env node
// A standalone training worker (REDIS_URL required); runs the TypeScript sources through tsx like bin/pwbot.js.
import { register } from 'tsx/esm/api';

register();
const { runWorkerMain } = await import('../src/entry/worker.ts');
await runWorkerMain();
