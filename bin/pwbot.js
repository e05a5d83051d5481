#!/usr/bin/env node
// `npx pwbot "<line>"`: the compiled build when current, else the TypeScript sources (bin/load-entry.js).
import { loadEntry } from './load-entry.js';

const { runCli } = await loadEntry('entry/cli');
const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
// Flush stdout before exiting: a piped stdout is asynchronous.
process.stdout.write('', () => process.exit(code));
