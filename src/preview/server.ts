import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { relative } from 'node:path';
import { failureText } from '../pipeline/progress.js';
import { UserError } from '../errors.js';
import { faceAt } from '../print/fonts.js';
import type { PreviewSession, VersionView } from './session.js';
import type { PdfAnswer, PreviewState } from './client/protocol.js';
import { PREVIEW_SCRIPT, SCRIPT_PATH, shellHtml } from './shell.js';

export interface PreviewServer {
  url: string;
  port: number;
  /** Tells every browser looking at these versions about their new state (pages, error). */
  publish(versions: VersionView[]): void;
  /** The versions someone is looking at now. */
  watched(): Set<string>;
  close(): Promise<void>;
}

/** What a browser is told of a version: enough to fetch its pages, show its problem and find a block's source. */
function stateOf(session: PreviewSession, v: VersionView | undefined): PreviewState {
  return {
    doc: v?.name,
    rev: v?.rev ?? 0,
    pages: v?.pages,
    error: session.yearError() ?? v?.error ?? (v ? undefined : 'no such document'),
    documents: session.list().map((d) => ({ name: d.name, label: d.name.endsWith('-openbaar') ? `${d.name.replace(/-openbaar$/, '')} (openbaar)` : d.name })),
    sections: (v?.sections ?? []).map((path) => ({ path, shown: relative(process.cwd(), path) || path })),
    facts: (v?.facts ?? []).map((f) => ({ text: f.text, path: f.path, shown: relative(process.cwd(), f.path) || f.path, line: f.line, fact: f.fact })),
  };
}

/**
 * The preview's HTTP server, on 127.0.0.1 only. A request whose Host is not this server's own address (a
 * page of another site that re-pointed its name at 127.0.0.1: DNS rebinding) is refused with 403, and so is a
 * POST sent from another origin.
 */
export async function startServer(session: PreviewSession, port: number, onPdf: (name: string) => Promise<PdfAnswer>): Promise<PreviewServer> {
  if (!PREVIEW_SCRIPT) throw new Error('the preview page\'s script is not bundled: run npm run build');
  const script = PREVIEW_SCRIPT;
  const clients = new Map<ServerResponse, string>();
  let own = new Set<string>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `${failureText(err)}\n`);
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!own.has(req.headers.host ?? '')) return send(res, 403, 'text/plain; charset=utf-8', `forbidden: this preview answers only to ${[...own].join(' or ')}\n`);
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const doc = url.searchParams.get('doc') ?? session.main()?.name ?? '';

    if (req.method === 'POST') {
      const origin = req.headers.origin;
      if (origin !== undefined && !own.has(origin.replace(/^http:\/\//, ''))) return send(res, 403, 'text/plain; charset=utf-8', 'forbidden: not from this preview\n');
      if (url.pathname !== '/api/pdf') return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
      return sendJson(res, 200, await onPdf(doc));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');

    if (url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', shellHtml(session.year, doc));
    if (url.pathname === SCRIPT_PATH) return send(res, 200, 'text/javascript; charset=utf-8', script);
    if (url.pathname === '/events') return events(req, res, doc);
    if (url.pathname === '/api/state') return sendJson(res, 200, stateOf(session, await session.fresh(doc)));
    const page = /^\/(\d{4})\/([A-Za-z0-9_.-]+)\.html$/.exec(url.pathname);
    if (page && page[1] === session.year) {
      const v = await session.fresh(page[2]!);
      if (v?.snapshot) return send(res, 200, 'text/html; charset=utf-8', v.snapshot);
      return send(res, 404, 'text/plain; charset=utf-8', `${v?.error ?? 'no such document'}\n`);
    }
    const face = faceAt(url.pathname);
    if (face) {
      const data = await face;
      res.writeHead(200, { 'content-type': 'font/ttf', 'cache-control': 'public, max-age=31536000, immutable' });
      return void res.end(data);
    }
    if (url.pathname === '/favicon.ico') return send(res, 204, 'text/plain', '');
    return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  }

  async function events(req: IncomingMessage, res: ServerResponse, doc: string): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    clients.set(res, doc);
    req.on('close', () => clients.delete(res));
    const v = await session.fresh(doc);
    if (clients.has(res)) push(res, stateOf(session, v));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new UserError(`port ${port} on 127.0.0.1 is in use — choose another with --port <n>, or leave --port out for a free one`));
      else if (err.code === 'EACCES') reject(new UserError(`port ${port} may not be used by this user — choose one above 1023 with --port <n>, or leave --port out for a free one`));
      else reject(err);
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  own = new Set([`127.0.0.1:${actual}`, `localhost:${actual}`]);

  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    publish(versions) {
      for (const v of versions) {
        const state = stateOf(session, v);
        for (const [res, doc] of clients) if (doc === v.name) push(res, state);
      }
    },
    watched() {
      return new Set(clients.values());
    },
    async close() {
      for (const res of clients.keys()) res.end();
      clients.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function push(res: ServerResponse, state: PreviewState): void {
  res.write(`event: state\ndata: ${JSON.stringify(state)}\n\n`);
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}
