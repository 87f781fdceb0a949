import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/*
 * A language client that speaks LSP to the real yaml-language-server over stdio: JSON-RPC messages framed with
 * Content-Length headers, as an editor sends them. The server answers the settings it asks for with the schema store
 * off, so it loads only the schema a file's `$schema` line names, from disk.
 */

export interface Diagnostic {
  readonly message: string;
  readonly range: { start: { line: number; character: number } };
  readonly severity?: number;
}

export interface CompletionItem {
  readonly label: string;
  readonly detail?: string;
  readonly documentation?: string | { kind: string; value: string };
}

type Message = { id?: number | string; method?: string; params?: unknown; result?: unknown; error?: { message: string } };

const require = createRequire(import.meta.url);
const SERVER = join(dirname(require.resolve('yaml-language-server/package.json')), 'bin', 'yaml-language-server');

const SETTINGS = { validate: true, completion: true, hover: true, schemaStore: { enable: false }, schemas: {} };

export class YamlLanguageServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly diagnosticWaiters: { uri: string; resolve: (d: Diagnostic[]) => void }[] = [];
  private stderr = '';

  constructor(private readonly rootDir: string) {
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: rootDir, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.receive(chunk);
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.child.on('exit', () => {
      for (const { reject } of this.pending.values()) reject(new Error(`yaml-language-server exited\n${this.stderr}`));
      this.pending.clear();
    });
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.handle(JSON.parse(body) as Message);
    }
  }

  private handle(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server: the settings it pulls, or registrations we accept.
      const result =
        message.method === 'workspace/configuration'
          ? ((message.params as { items: { section?: string }[] }).items.map((item) =>
              item.section === 'yaml' ? SETTINGS : {},
            ) as unknown)
          : null;
      this.send({ id: message.id, result });
      return;
    }
    if (message.method === 'textDocument/publishDiagnostics') {
      const { uri, diagnostics } = message.params as { uri: string; diagnostics: Diagnostic[] };
      this.diagnostics.set(uri, diagnostics);
      for (const waiter of this.diagnosticWaiters.filter((w) => w.uri === uri)) {
        this.diagnosticWaiters.splice(this.diagnosticWaiters.indexOf(waiter), 1);
        waiter.resolve(diagnostics);
      }
      return;
    }
    if (typeof message.id === 'number') {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result);
    }
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  async start(): Promise<void> {
    await this.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.rootDir).href,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['plaintext'] } },
          publishDiagnostics: {},
        },
      },
    });
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: { yaml: SETTINGS } });
  }

  /** Opens a file as the editor shows it and waits for the diagnostics of a validation with its schema. */
  open(file: string, text = readFileSync(file, 'utf8')): Promise<Diagnostic[]> {
    const uri = pathToFileURL(file).href;
    const diagnostics = new Promise<Diagnostic[]>((resolve) => this.diagnosticWaiters.push({ uri, resolve }));
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return diagnostics;
  }

  async complete(file: string, line: number, character: number): Promise<CompletionItem[]> {
    const result = await this.request<{ items: CompletionItem[] } | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri: pathToFileURL(file).href },
      position: { line, character },
    });
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  /** Ends the server; kills it when it does not leave on request. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) =>
      this.child.once('exit', () => {
        resolve();
      }),
    );
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 1000);
    try {
      await Promise.race([this.request('shutdown', null), exited]);
      this.notify('exit', null);
    } catch {
      this.child.kill('SIGKILL');
    }
    await exited;
    clearTimeout(timer);
  }

  get errors(): string {
    return this.stderr;
  }
}

export function documentationOf(item: CompletionItem): string {
  const doc = item.documentation;
  return `${item.detail ?? ''} ${typeof doc === 'string' ? doc : (doc?.value ?? '')}`;
}
