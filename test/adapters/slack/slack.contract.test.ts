import { adapterContract } from '../contract.js';
import { contractHarness } from './harness.js';

// The shared contract, through the real Bolt App: signed HTTP requests, and Socket Mode envelopes.
adapterContract('slack (HTTP mode)', () => contractHarness('http'));
adapterContract('slack (Socket Mode)', () => contractHarness('socket'));
