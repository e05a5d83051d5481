#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx pwbot` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/entry/cli.ts');
const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
// Flush stdout before exiting: a piped stdout is asynchronous.
process.stdout.write('', () => process.exit(code));
