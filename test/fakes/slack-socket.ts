// The Socket Mode half of the fake Slack (./slack.ts). apps.connections.open
// hands out ws://…/socket; on connection the fake says `hello`, then
// `send(type, payload)` delivers an envelope and resolves with the client's
// ack ({envelope_id, payload}) and how long it took.
//
// Sockets are closed gracefully (close frame 1000, wait for the client's
// answer): a client left without a close handshake keeps a 30 s timer alive.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export interface EnvelopeAck {
  readonly envelopeId: string;
  readonly payload: Record<string, unknown> | undefined;
  readonly ms: number;
}

export interface SendOptions {
  /** Slack's redelivery counter for events_api envelopes. */
  readonly retryAttempt?: number;
  readonly retryReason?: string;
  /** Reuse an envelope id (a redelivery). */
  readonly envelopeId?: string;
  readonly timeoutMs?: number;
}

export class FakeSocketMode {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly clients = new Set<WebSocket>();
  private readonly waiting = new Map<string, { resolve: (ack: EnvelopeAck) => void; started: number }>();
  private sequence = 0;
  /** Every ack received, in order. */
  readonly acks: EnvelopeAck[] = [];

  constructor(private readonly baseUrl: () => string) {
    this.wss.on('connection', (ws) => {
      this.clients.add(ws);
      ws.on('close', () => this.clients.delete(ws));
      ws.on('message', (data) => {
        let message: { envelope_id?: string; payload?: Record<string, unknown> };
        try {
          message = JSON.parse(String(data)) as typeof message;
        } catch {
          return;
        }
        if (message.envelope_id === undefined) return;
        const waiter = this.waiting.get(message.envelope_id);
        const ack: EnvelopeAck = { envelopeId: message.envelope_id, payload: message.payload, ms: waiter ? performance.now() - waiter.started : Number.NaN };
        this.acks.push(ack);
        if (waiter) {
          this.waiting.delete(message.envelope_id);
          waiter.resolve(ack);
        }
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: this.clients.size, debug_info: { host: 'fake-slack', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0TEST' } }));
    });
  }

  get connections(): number {
    return this.clients.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!(req.url ?? '').startsWith('/socket')) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  /** Resolves once a client is connected (it has been sent `hello`). */
  async connected(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.clients.size === 0) {
      if (Date.now() > deadline) throw new Error(`fake Slack: no Socket Mode client connected to ${this.baseUrl()}/socket`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Deliver an envelope (`slash_commands`, `events_api`, `interactive`) and wait for its ack. */
  send(type: 'slash_commands' | 'events_api' | 'interactive', payload: Record<string, unknown>, options: SendOptions = {}): Promise<EnvelopeAck> {
    const client = [...this.clients][0];
    if (client === undefined) return Promise.reject(new Error('fake Slack: no Socket Mode client connected'));
    const envelopeId = options.envelopeId ?? `env-${++this.sequence}-${Date.now()}`;
    const envelope = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api' ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' } : {}),
    };
    return new Promise<EnvelopeAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(envelopeId);
        reject(new Error(`fake Slack: envelope ${envelopeId} (${type}) was not acked`));
      }, options.timeoutMs ?? 5_000);
      this.waiting.set(envelopeId, {
        started: performance.now(),
        resolve: (ack) => {
          clearTimeout(timer);
          resolve(ack);
        },
      });
      client.send(JSON.stringify(envelope));
    });
  }

  /** Close every client with 1000 and wait for the handshake (forcing after a second). */
  async close(): Promise<void> {
    await Promise.all(
      [...this.clients].map(
        (ws) =>
          new Promise<void>((resolve) => {
            const force = setTimeout(() => {
              ws.terminate();
              resolve();
            }, 1_000);
            ws.once('close', () => {
              clearTimeout(force);
              resolve();
            });
            ws.close(1000, 'fake Slack closing');
          }),
      ),
    );
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
