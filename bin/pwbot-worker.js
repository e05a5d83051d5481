#!/usr/bin/env node
// A standalone training worker (REDIS_URL required): the compiled build when current, else the TypeScript sources.
import { loadEntry } from './load-entry.js';

const { runWorkerMain } = await loadEntry('entry/worker');
await runWorkerMain();
