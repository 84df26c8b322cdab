/**
 * The Node.js transport: node:http and node:https over keep-alive agents, with no WHATWG Request,
 * Response body or stream on the way. It serves the default client on Node (no `fetch` and no
 * `fetchOptions` given); `fetch` stays the path everywhere else. Chosen by measurement
 * (bench/results): per request it costs about a third of Node's fetch, per stream chunk it is the
 * floor itself, and it adds nothing to a process's memory, where undici's `Pool` (cheaper per
 * request, dearer per chunk) adds 20-40 MiB.
 *
 * Loaded only on Node, on the first request, through the package import `#node-transport` (see
 * platform-transport.ts): nothing on the main entry's import path touches a Node built-in.
 *
 * What fetch did and this does too: redirects are not followed (the caller refuses them),
 * gzip/deflate/br bodies are decoded, an abort ends the exchange at any point (pending reads reject),
 * a body cut short is an error, and a response's headers are a real `Headers` (made when asked for).
 */
import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { DIRECT_BODY, type BodySink, type DirectBody, type DirectText } from "./direct-body.js";
import type { FetchLike } from "./http.js";
import { OutgoingRequest } from "./outgoing-request.js";

/**
 * Idle sockets are kept for the next request; the server's `Keep-Alive: timeout` hint is honoured
 * by the agent, and without one an idle socket is closed after 4 s (as undici does), before most
 * servers drop it, so a reused socket is rarely a dead one.
 */
const AGENT_OPTIONS = { keepAlive: true, timeout: 4_000, scheduling: "lifo" } as const;
let httpAgent: http.Agent | undefined;
let httpsAgent: https.Agent | undefined;

/** Bytes of a streamed body held while the consumer is busy; past this the socket is paused. */
const HIGH_WATER_BYTES = 64 * 1024;

/** The transport, as a fetch-like function over onellm's requests. */
export function createNodeTransport(): FetchLike {
  return (request) => sendRequest(request);
}

/** onellm's stand-in for Request, by shape: a bundle or a test may hold a second copy of its class. */
function isOutgoing(request: Request | OutgoingRequest): request is OutgoingRequest {
  const candidate = request as Partial<OutgoingRequest>;
  return request instanceof OutgoingRequest || (typeof candidate.toRequest === "function" && typeof candidate.init === "object");
}

async function sendRequest(request: Request): Promise<Response> {
  if (isOutgoing(request)) {
    const init = request.init;
    const body = bodyBytes(init.body);
    if (body !== NOT_PLAIN) return exchange(request.url, init.method ?? "GET", init.headers, body, init.signal ?? undefined);
    // A body of another kind (a Blob, a stream): read the way fetch would read it.
    return fromRequest(request.toRequest());
  }
  return fromRequest(request);
}

async function fromRequest(request: Request): Promise<Response> {
  const buffer = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
  return exchange(request.url, request.method, request.headers, buffer, request.signal);
}

const NOT_PLAIN = Symbol("not plain");

function bodyBytes(body: RequestInit["body"]): string | Uint8Array | undefined | typeof NOT_PLAIN {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof URLSearchParams) return body.toString();
  return NOT_PLAIN;
}

/** Where a URL's requests go, parsed once per URL (a client sends to a handful). */
interface Target {
  secure: boolean;
  hostname: string;
  port: number;
  /** The Host header: the host, and the port unless it is the scheme's default. */
  host: string;
  path: string;
  href: string;
}

const targets = new Map<string, Target>();
const MAX_TARGETS = 256;

function targetOf(href: string): Target | TypeError {
  let target = targets.get(href);
  if (target !== undefined) return target;
  const url = new URL(href);
  const secure = url.protocol === "https:";
  if (!secure && url.protocol !== "http:") return new TypeError(`onellm's Node transport sends http: and https: URLs only, not ${url.protocol}`);
  target = {
    secure,
    hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
    port: url.port === "" ? (secure ? 443 : 80) : Number(url.port),
    host: url.host,
    path: url.pathname + url.search,
    href: url.href,
  };
  if (targets.size >= MAX_TARGETS) targets.clear();
  targets.set(href, target);
  return target;
}

/**
 * The request's header lines as node:http takes them raw (name, value, name, value, ...): written
 * as they are, with no per-header setHeader. Host and the body's byte count are added here, as
 * node:http (and fetch) would; a caller's own Host or Content-Length is not sent twice.
 */
function rawHeaders(source: HeadersInit | undefined, target: Target, method: string, body: string | Uint8Array | undefined): string[] {
  const lines: string[] = ["host", target.host];
  const add = (value: string, name: string): void => {
    if (name !== "host" && name !== "content-length") lines.push(name, value);
  };
  if (source instanceof Headers) source.forEach(add);
  else if (Array.isArray(source)) for (const [name, value] of source as [string, string][]) add(value, name.toLowerCase());
  else if (source !== undefined) for (const name of Object.keys(source)) add((source as Record<string, string>)[name]!, name.toLowerCase());
  if (body !== undefined || (method !== "GET" && method !== "HEAD")) {
    lines.push("content-length", String(body === undefined ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.byteLength));
  }
  return lines;
}

function exchange(
  href: string,
  method: string,
  headerSource: HeadersInit | undefined,
  body: string | Uint8Array | undefined,
  signal: AbortSignal | undefined,
): Promise<Response> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  const target = targetOf(href);
  if (target instanceof TypeError) return Promise.reject(target);
  return new Promise<Response>((resolve, reject) => {
    let outgoing: http.ClientRequest;
    try {
      const options: http.RequestOptions = {
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        method,
        headers: rawHeaders(headerSource, target, method, body) as unknown as http.OutgoingHttpHeaders,
        // As fetch's Headers: a header sent twice reads as its values joined, not as the first.
        joinDuplicateHeaders: true,
        agent: target.secure ? (httpsAgent ??= new https.Agent(AGENT_OPTIONS)) : (httpAgent ??= new http.Agent(AGENT_OPTIONS)),
      };
      outgoing = target.secure ? https.request(options) : http.request(options);
    } catch (error) {
      // A header value node:http refuses (checked before any network call, like fetch's TypeError).
      reject(error);
      return;
    }
    new Exchange(target.href, outgoing, signal, resolve, reject);
    outgoing.end(body);
  });
}

/** One request and its response, from the first byte sent to the body's end or its abort. */
class Exchange {
  private body: NodeBody | undefined;
  private settled = false;
  private released = false;
  private readonly onAbort: (() => void) | undefined;

  constructor(
    private readonly url: string,
    private readonly outgoing: http.ClientRequest,
    private readonly signal: AbortSignal | undefined,
    private readonly resolve: (response: Response) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    outgoing.once("response", (incoming) => this.respond(incoming));
    // Kept for the whole exchange: a socket error after the response reaches the body through the
    // response's own events, and must not be an unhandled 'error'.
    outgoing.on("error", (error) => this.fail(error));
    if (signal !== undefined) {
      this.onAbort = () => this.abort();
      signal.addEventListener("abort", this.onAbort, { once: true });
    }
  }

  private respond(incoming: http.IncomingMessage): void {
    if (this.settled) {
      incoming.destroy();
      return;
    }
    this.settled = true;
    const body = new NodeBody(incoming, decoded(incoming), this);
    this.body = body;
    this.resolve(new NodeResponse(this.url, incoming, body) as unknown as Response);
  }

  private fail(error: unknown): void {
    if (!this.settled) {
      this.settled = true;
      this.release();
      this.reject(error);
      return;
    }
    this.body?.fail(error);
  }

  private abort(): void {
    const reason = abortError(this.signal!);
    this.outgoing.destroy();
    this.fail(reason);
  }

  /** The body ended or was cancelled: the exchange no longer listens to the signal. */
  release(): void {
    if (this.onAbort !== undefined && !this.released) {
      this.released = true;
      this.signal!.removeEventListener("abort", this.onAbort);
    }
  }

  /** Closes the connection (the body will not be read to its end). */
  destroy(): void {
    this.outgoing.destroy();
  }
}

/** The body as it arrives, decompressed when the server compressed it (as fetch does). */
function decoded(incoming: http.IncomingMessage): Readable {
  const coding = incoming.headers["content-encoding"];
  if (coding === undefined) return incoming;
  const codings = coding.toLowerCase().split(",").map((name) => name.trim()).filter((name) => name !== "" && name !== "identity");
  let stream: Readable = incoming;
  // Applied last to first, as the server applied them first to last; an unknown coding is handed over as it is.
  for (let index = codings.length - 1; index >= 0; index--) {
    const decoder = decompressor(codings[index]!);
    if (decoder === undefined) return stream;
    stream = stream.pipe(decoder);
  }
  return stream;
}

function decompressor(coding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  // Lenient about a missing final flush, as fetch is.
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (coding) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip(flush);
    case "deflate":
      return zlib.createInflate(flush);
    case "br":
      return zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      return undefined;
  }
}

/**
 * A whole body, gathered as it arrives: as bytes, or as text decoded piece by piece from the second
 * piece on (one piece, the usual answer, is decoded once at the end), so a large body is never held
 * twice over. Past `maxBytes` it stops: with the text up to there (`truncate`), or with nothing.
 */
class Collector {
  private first: Buffer | undefined;
  private parts: Buffer[] | undefined;
  private decoder: TextDecoder | undefined;
  private text = "";
  private bytes = 0;

  constructor(
    readonly maxBytes: number,
    private readonly mode: "bytes" | "text" | "truncate",
    readonly done: (result: DirectText | Buffer | Error) => void,
  ) {}

  /** Adds a piece; true once more than `maxBytes` have arrived (the caller then stops reading). */
  add(chunk: Buffer): boolean {
    const room = this.maxBytes - this.bytes;
    this.bytes += chunk.length;
    if (chunk.length <= room) {
      this.append(chunk);
      return false;
    }
    if (this.mode === "truncate" && room > 0) this.append(chunk.subarray(0, room));
    return true;
  }

  result(exceeded: boolean): DirectText | Buffer {
    if (this.mode === "bytes") {
      const parts = this.parts ?? [];
      return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    }
    if (exceeded && this.mode === "text") return { text: "", exceeded };
    let text = this.decoder === undefined ? (this.first?.toString("utf8") ?? "") : this.text + this.decoder.decode();
    // TextDecoder's default, which fetch's text() applies: a byte-order mark opening the body is dropped.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text, exceeded };
  }

  private append(chunk: Buffer): void {
    if (this.mode === "bytes") {
      (this.parts ??= []).push(chunk);
      return;
    }
    if (this.decoder === undefined) {
      if (this.first === undefined) {
        this.first = chunk;
        return;
      }
      this.decoder = new TextDecoder("utf-8", { ignoreBOM: true });
      this.text = this.decoder.decode(this.first, { stream: true });
      this.first = undefined;
    }
    this.text += this.decoder.decode(chunk, { stream: true });
  }
}

type Waiter = { resolve: (chunk: Uint8Array | undefined) => void; reject: (error: unknown) => void };

/**
 * The body, read in pieces as they arrive (a stream) or whole (an answer). Listens to the socket
 * only once someone reads; pauses it while more than HIGH_WATER_BYTES wait unread.
 */
class NodeBody implements DirectBody {
  private readonly queue: Buffer[] = [];
  private queuedBytes = 0;
  private ended = false;
  private failure: unknown = undefined;
  private listening = false;
  private cancelled = false;
  private waiter: Waiter | undefined;
  private sink: BodySink | undefined;
  /** Set while the whole body is read as text. */
  private collecting: Collector | undefined;
  private readonly onData = (chunk: Buffer): void => this.data(chunk);
  private readonly onEnd = (): void => this.end();
  private readonly onError = (error: unknown): void => this.fail(error);
  private readonly onClose = (): void => {
    // After a whole message the close is the socket's business (reused or not), not the body's.
    if (!this.incoming.complete) this.fail(connectionClosed());
  };

  constructor(
    private readonly incoming: http.IncomingMessage,
    private readonly source: Readable,
    private readonly owner: Exchange,
  ) {
    // Before anyone reads: an error must not go unhandled, and a close must not go unnoticed.
    incoming.on("error", this.onError);
    incoming.on("close", this.onClose);
    if (source !== incoming) source.on("error", this.onError);
  }

  read(): Promise<Uint8Array | undefined> {
    if (this.queue.length > 0) {
      const chunk = this.queue.shift()!;
      this.queuedBytes -= chunk.length;
      if (this.queuedBytes < HIGH_WATER_BYTES && this.source.isPaused() && !this.ended) this.source.resume();
      return Promise.resolve(chunk);
    }
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.ended || this.cancelled) return Promise.resolve(undefined);
    this.listen();
    return new Promise<Uint8Array | undefined>((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  subscribe(sink: BodySink): void {
    this.sink = sink;
    const queued = this.queue.splice(0);
    this.queuedBytes = 0;
    for (const chunk of queued) sink.data(chunk);
    if (this.failure !== undefined) sink.error(this.failure);
    else if (this.ended) sink.end();
    else if (!this.cancelled) {
      this.listen();
      this.source.resume();
    }
  }

  pause(): void {
    if (this.listening) this.source.pause();
  }

  resume(): void {
    if (this.listening) this.source.resume();
  }

  readText(maxBytes: number, truncate = false): Promise<DirectText> {
    return this.collect(maxBytes, truncate ? "truncate" : "text") as Promise<DirectText>;
  }

  /** The rest of the body as bytes (for `arrayBuffer()`). */
  readBytes(): Promise<Buffer> {
    return this.collect(Number.MAX_SAFE_INTEGER, "bytes") as Promise<Buffer>;
  }

  private collect(maxBytes: number, mode: "bytes" | "text" | "truncate"): Promise<DirectText | Buffer> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<DirectText | Buffer>((resolve, reject) => {
      const collector = new Collector(maxBytes, mode, (result) => (result instanceof Error ? reject(result) : resolve(result)));
      this.collecting = collector;
      const queued = this.queue.splice(0);
      this.queuedBytes = 0;
      for (const chunk of queued) {
        if (collector.add(chunk)) {
          this.finishCollecting(true);
          return;
        }
      }
      if (this.ended) this.finishCollecting(false);
      else {
        this.listen();
        this.source.resume();
      }
    });
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.sink = undefined;
    this.unlisten();
    if (!this.ended) {
      this.owner.destroy();
      this.incoming.destroy();
    }
    this.owner.release();
    this.waiter?.resolve(undefined);
    this.waiter = undefined;
  }

  /** The exchange failed (reset, abort, a close mid-body): every pending and later read rejects. */
  fail(error: unknown): void {
    if (this.ended || this.failure !== undefined || this.cancelled) return;
    this.failure = error;
    this.unlisten();
    this.incoming.destroy();
    this.owner.release();
    this.sink?.error(error);
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
    const collecting = this.collecting;
    this.collecting = undefined;
    collecting?.done(error instanceof Error ? error : new Error(String(error)));
  }

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    this.source.on("data", this.onData);
    this.source.on("end", this.onEnd);
  }

  private unlisten(): void {
    if (!this.listening) return;
    this.listening = false;
    this.source.off("data", this.onData);
    this.source.off("end", this.onEnd);
  }

  private data(chunk: Buffer): void {
    const collecting = this.collecting;
    if (collecting !== undefined) {
      if (collecting.add(chunk)) this.finishCollecting(true);
      return;
    }
    const sink = this.sink;
    if (sink !== undefined) {
      sink.data(chunk);
      return;
    }
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter.resolve(chunk);
      return;
    }
    this.queue.push(chunk);
    this.queuedBytes += chunk.length;
    if (this.queuedBytes >= HIGH_WATER_BYTES) this.source.pause();
  }

  private end(): void {
    this.ended = true;
    this.unlisten();
    this.owner.release();
    if (this.collecting !== undefined) {
      this.finishCollecting(false);
      return;
    }
    this.sink?.end();
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve(undefined);
  }

  private finishCollecting(exceeded: boolean): void {
    const collecting = this.collecting!;
    this.collecting = undefined;
    if (exceeded) this.cancel();
    collecting.done(collecting.result(exceeded));
  }

}

/** What fetch's Response offers, over node:http's response; onellm's readers use the direct body. */
class NodeResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = "basic";
  readonly [DIRECT_BODY]: NodeBody;
  private madeHeaders: Headers | undefined;
  private madeBody: ReadableStream<Uint8Array> | undefined;
  private used = false;

  constructor(
    readonly url: string,
    private readonly incoming: http.IncomingMessage,
    body: NodeBody,
  ) {
    this.status = incoming.statusCode ?? 0;
    this.statusText = incoming.statusMessage ?? "";
    this.ok = this.status >= 200 && this.status < 300;
    this[DIRECT_BODY] = body;
  }

  get headers(): Headers {
    return (this.madeHeaders ??= new NodeHeaders(this.incoming.headers) as unknown as Headers);
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  /** A ReadableStream over the direct body, for code that reads a Response the standard way. */
  get body(): ReadableStream<Uint8Array> {
    if (this.madeBody === undefined) {
      const direct = this[DIRECT_BODY];
      this.madeBody = new ReadableStream<Uint8Array>({
        pull: async (controller) => {
          this.used = true;
          const chunk = await direct.read();
          if (chunk === undefined) controller.close();
          else controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        },
        cancel: () => direct.cancel(),
      });
    }
    return this.madeBody;
  }

  async text(): Promise<string> {
    if (this.used) throw new TypeError("Body is unusable: Body has already been read");
    this.used = true;
    return (await this[DIRECT_BODY].readText(Number.MAX_SAFE_INTEGER)).text;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.used) throw new TypeError("Body is unusable: Body has already been read");
    this.used = true;
    const bytes = await this[DIRECT_BODY].readBytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): never {
    throw new TypeError("onellm's Node transport does not clone responses; pass a fetch to the client for that.");
  }
}

/**
 * A response's headers as fetch's `Headers` reads them (names lower-cased and sorted, repeated
 * headers joined, `set-cookie` kept apart, immutable), read straight from node:http's parsed
 * headers instead of copied into a `Headers` per response.
 */
class NodeHeaders implements Iterable<[string, string]> {
  private sorted: [string, string][] | undefined;

  constructor(private readonly source: http.IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.source[name.toLowerCase()];
    if (value === undefined) return null;
    return typeof value === "string" ? value : value.join(", ");
  }

  has(name: string): boolean {
    return this.source[name.toLowerCase()] !== undefined;
  }

  getSetCookie(): string[] {
    return [...(this.source["set-cookie"] ?? [])];
  }

  forEach(callback: (value: string, name: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this as unknown as Headers);
  }

  entries(): IterableIterator<[string, string]> {
    return this.list()[Symbol.iterator]();
  }

  keys(): IterableIterator<string> {
    return this.list().map(([name]) => name)[Symbol.iterator]();
  }

  values(): IterableIterator<string> {
    return this.list().map(([, value]) => value)[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  append(): never {
    throw new TypeError("immutable");
  }

  set(): never {
    throw new TypeError("immutable");
  }

  delete(): never {
    throw new TypeError("immutable");
  }

  get [Symbol.toStringTag](): string {
    return "Headers";
  }

  /** As fetch lists them: sorted by name, each `set-cookie` on its own. */
  private list(): [string, string][] {
    if (this.sorted === undefined) {
      const rows: [string, string][] = [];
      for (const name of Object.keys(this.source).sort()) {
        const value = this.source[name];
        if (value === undefined) continue;
        if (name === "set-cookie" && Array.isArray(value)) for (const cookie of value) rows.push([name, cookie]);
        else rows.push([name, typeof value === "string" ? value : value.join(", ")]);
      }
      this.sorted = rows;
    }
    return this.sorted;
  }
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

function connectionClosed(): Error {
  return Object.assign(new Error("the connection closed before the response body ended"), { code: "ECONNRESET" });
}
