#!/usr/bin/env node
// `npm start`: the bot (console, Slack, Discord, the web page), compiled build when current, else the sources.
import { loadEntry } from './load-entry.js';

await loadEntry('main');
