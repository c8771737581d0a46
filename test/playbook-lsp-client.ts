/**
 * A minimal Language Server Protocol client over stdio, enough to open YAML
 * documents in a real yaml-language-server and collect the diagnostics it
 * publishes (issue 14: the editor and `playbook validate` must agree).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
  source?: string;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class YamlLanguageServer {
  private proc: ChildProcess;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private waiting = new Map<string, (d: Diagnostic[]) => void>();
  private version = 0;
  stderr = '';

  private constructor(
    private schemaUri: string,
    bin: string,
  ) {
    this.proc = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout?.on('data', (chunk: Buffer) => this.receive(chunk));
    this.proc.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.proc.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error(`yaml-language-server exited: ${this.stderr}`));
    });
  }

  /** The server's entry script, or undefined when the package is not installed. */
  static binary(): string | undefined {
    try {
      return createRequire(import.meta.url).resolve('yaml-language-server/bin/yaml-language-server');
    } catch {
      return undefined;
    }
  }

  static async start(schemaFile: string, bin: string): Promise<YamlLanguageServer> {
    const server = new YamlLanguageServer(pathToFileURL(schemaFile).href, bin);
    await server.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { publishDiagnostics: {} }, workspace: { configuration: true } },
    });
    server.notify('initialized', {});
    server.notify('workspace/didChangeConfiguration', { settings: server.settings() });
    return server;
  }

  private settings() {
    return { yaml: { validate: true, hover: false, completion: true, format: { enable: false }, schemaStore: { enable: false }, schemas: {} } };
  }

  /** Open a document and wait for its diagnostics. The schema is named by a modeline, so line 0 is that comment: lines are returned 1-based for the text as given. */
  async diagnose(uri: string, text: string, timeoutMs = 15_000): Promise<Diagnostic[]> {
    const modeline = `# yaml-language-server: $schema=${this.schemaUri}\n`;
    const result = new Promise<Diagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(uri, (d) => {
        clearTimeout(timer);
        resolve(d);
      });
    });
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: ++this.version, text: modeline + text } });
    const diagnostics = await result;
    this.notify('textDocument/didClose', { textDocument: { uri } });
    return diagnostics.map((d) => ({
      ...d,
      range: { start: { ...d.range.start, line: d.range.start.line }, end: { ...d.range.end, line: d.range.end.line } },
    }));
  }

  /** Completion items at a 0-based position in `text` (counted without the modeline). */
  async complete(uri: string, text: string, line: number, character: number): Promise<Array<{ label: string; documentation?: unknown; detail?: string }>> {
    const modeline = `# yaml-language-server: $schema=${this.schemaUri}\n`;
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: ++this.version, text: modeline + text } });
    const r = (await this.request('textDocument/completion', { textDocument: { uri }, position: { line: line + 1, character } })) as
      | { items: Array<{ label: string }> }
      | Array<{ label: string }>
      | null;
    this.notify('textDocument/didClose', { textDocument: { uri } });
    return Array.isArray(r) ? r : (r?.items ?? []);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } finally {
      setTimeout(() => this.proc.kill(), 500).unref();
    }
  }

  private send(msg: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
    this.proc.stdin?.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin?.write(body);
  }

  private request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ id, method, params });
    });
  }

  private notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const head = this.buffer.indexOf('\r\n\r\n');
      if (head < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, head).toString())?.[1] ?? NaN);
      if (Number.isNaN(length) || this.buffer.length < head + 4 + length) return;
      const body = this.buffer.subarray(head + 4, head + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(head + 4 + length);
      this.handle(JSON.parse(body) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } });
    }
  }

  private handle(msg: { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } }): void {
    if (msg.method === undefined && msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(msg.error.message));
      else p?.resolve(msg.result);
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') {
      const { uri, diagnostics } = msg.params as { uri: string; diagnostics: Diagnostic[] };
      const done = this.waiting.get(uri);
      if (done) {
        this.waiting.delete(uri);
        done(diagnostics);
      }
      return;
    }
    if (msg.id !== undefined) {
      // Requests from the server: its settings, capability registration, progress.
      const result = msg.method === 'workspace/configuration' ? ((msg.params as { items: unknown[] }).items ?? []).map(() => this.settings().yaml) : null;
      this.send({ id: msg.id, result });
    }
  }
}
