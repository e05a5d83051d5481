/**
 * The fake Discord gateway: plain JSON over a WebSocket (no compression), as
 * `@discordjs/ws` speaks it. HELLO → IDENTIFY → READY (+ GUILD_CREATE), heartbeats,
 * RESUME with replay of the events the client missed, and dispatches.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export const GatewayOp = { Dispatch: 0, Heartbeat: 1, Identify: 2, Resume: 6, Reconnect: 7, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;

/** Intent bits the fake checks. */
export const Intent = { Guilds: 1 << 0, GuildMessages: 1 << 9, DirectMessages: 1 << 12, MessageContent: 1 << 15 } as const;

interface Session {
  readonly id: string;
  readonly intents: number;
  seq: number;
  /** Every dispatch of this session, for replay on RESUME. */
  readonly sent: { s: number; t: string; d: unknown }[];
  socket: WebSocket | undefined;
}

export interface GatewayIdentity {
  readonly token: string;
  /** READY's `d` for a new session (without session id and resume url). */
  readyPayload(): Record<string, unknown>;
  /** Dispatches that follow READY (GUILD_CREATE for each guild). */
  afterReady(): { t: string; d: unknown }[];
  /** Whether the Message Content intent may be used (false → close 4014, like an app without it enabled). */
  readonly allowMessageContent: boolean;
}

export interface GatewayStats {
  connections: number;
  identifies: number;
  resumes: number;
  /** Intents of the latest IDENTIFY. */
  intents: number | undefined;
}

export class FakeGateway {
  readonly stats: GatewayStats = { connections: 0, identifies: 0, resumes: 0, intents: undefined };
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly sockets = new Set<WebSocket>();
  private sessionCounter = 0;

  constructor(
    private readonly identity: GatewayIdentity,
    private readonly resumeUrl: () => string,
    private readonly heartbeatIntervalMs = 41_250,
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (/[?&]compress=/.test(req.url ?? '')) {
      // A real gateway would now send zlib frames; this fake only speaks plain JSON (keep zlib-sync out).
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  /** Sessions that completed IDENTIFY or RESUME and have an open socket. */
  get readySockets(): number {
    return [...this.sessions.values()].filter((s) => s.socket !== undefined && s.socket.readyState === s.socket.OPEN).length;
  }

  /** Send an event to every session; a session whose socket is down gets it on RESUME. */
  dispatch(t: string, d: unknown, intentNeeded = 0): void {
    for (const session of this.sessions.values()) {
      if (intentNeeded !== 0 && (session.intents & intentNeeded) === 0) continue;
      this.sendDispatch(session, t, d);
    }
  }

  /** Cut every connection without a close frame (a network drop: the client sees 1006 and resumes). */
  drop(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  /** Close every connection with a code (4000 unknown error → resume; 4004 auth failed → fatal). */
  closeAll(code: number, reason = ''): void {
    for (const ws of this.sockets) ws.close(code, reason);
  }

  async close(): Promise<void> {
    const closing = [...this.sockets].map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === ws.CLOSED) return resolve();
          const timer = setTimeout(() => {
            ws.terminate();
            resolve();
          }, 500);
          ws.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          ws.close(1000);
        }),
    );
    await Promise.all(closing);
    this.sessions.clear();
    this.wss.close();
  }

  private accept(ws: WebSocket): void {
    this.stats.connections += 1;
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      for (const session of this.sessions.values()) if (session.socket === ws) session.socket = undefined;
    });
    ws.on('message', (raw) => this.onMessage(ws, raw.toString()));
    ws.send(JSON.stringify({ op: GatewayOp.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null }));
  }

  private onMessage(ws: WebSocket, raw: string): void {
    let payload: { op: number; d: Record<string, unknown> | number | null };
    try {
      payload = JSON.parse(raw) as typeof payload;
    } catch {
      ws.close(4002, 'Error while decoding payload.');
      return;
    }
    const d = (payload.d ?? {}) as Record<string, unknown>;
    switch (payload.op) {
      case GatewayOp.Heartbeat:
        ws.send(JSON.stringify({ op: GatewayOp.HeartbeatAck, d: null, s: null, t: null }));
        return;
      case GatewayOp.Identify:
        this.identify(ws, d);
        return;
      case GatewayOp.Resume:
        this.resume(ws, d);
        return;
      default:
        return;
    }
  }

  private identify(ws: WebSocket, d: Record<string, unknown>): void {
    if (d.token !== this.identity.token && d.token !== `Bot ${this.identity.token}`) {
      ws.close(4004, 'Authentication failed.');
      return;
    }
    const intents = Number(d.intents ?? 0);
    if ((intents & Intent.MessageContent) !== 0 && !this.identity.allowMessageContent) {
      ws.close(4014, 'Disallowed intent(s).');
      return;
    }
    this.stats.identifies += 1;
    this.stats.intents = intents;
    this.sessionCounter += 1;
    const session: Session = { id: `fake-session-${this.sessionCounter}`, intents, seq: 0, sent: [], socket: ws };
    this.sessions.set(session.id, session);
    this.sendDispatch(session, 'READY', { ...this.identity.readyPayload(), session_id: session.id, resume_gateway_url: this.resumeUrl(), shard: [0, 1] });
    for (const event of this.identity.afterReady()) this.sendDispatch(session, event.t, event.d);
  }

  private resume(ws: WebSocket, d: Record<string, unknown>): void {
    const session = this.sessions.get(String(d.session_id));
    if (session === undefined || (d.token !== this.identity.token && d.token !== `Bot ${this.identity.token}`)) {
      ws.send(JSON.stringify({ op: GatewayOp.InvalidSession, d: false, s: null, t: null }));
      return;
    }
    this.stats.resumes += 1;
    session.socket = ws;
    const from = Number(d.seq ?? 0);
    for (const event of session.sent.filter((e) => e.s > from)) ws.send(JSON.stringify({ op: GatewayOp.Dispatch, ...event }));
    this.sendDispatch(session, 'RESUMED', {});
  }

  private sendDispatch(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const event = { s: session.seq, t, d };
    session.sent.push(event);
    if (session.sent.length > 1000) session.sent.shift();
    const ws = session.socket;
    if (ws !== undefined && ws.readyState === ws.OPEN) ws.send(JSON.stringify({ op: GatewayOp.Dispatch, ...event }));
  }
}
