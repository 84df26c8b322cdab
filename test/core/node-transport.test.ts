// onellm's node:http transport on its own, against a real server on 127.0.0.1: what it must do
// as fetch did (decompress, join repeated headers, never follow a redirect, fail a cut body, stop
// at an abort) and what the readers get from it (a direct body, a Response-shaped object).
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync, brotliCompressSync, deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directBodyOf } from "../../src/core/direct-body.js";
import { createNodeTransport } from "../../src/core/node-transport.js";
import { OutgoingRequest } from "../../src/core/outgoing-request.js";

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

let server: http.Server;
let base = "";
const handlers = new Map<string, Handler>();
const sockets = new Set<import("node:net").Socket>();

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => handlers.get(request.url ?? "")?.(request, response, body));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const transport = createNodeTransport();
const send = (path: string, init: RequestInit = {}) => transport(new OutgoingRequest(`${base}${path}`, { method: "POST", ...init }) as unknown as Request);

describe("the Node transport", () => {
  it("sends method, headers and a JSON body with its byte count, and reads the answer as text", async () => {
    let seen: { method?: string | undefined; headers?: http.IncomingHttpHeaders; body?: string } = {};
    handlers.set("/echo", (request, response, body) => {
      seen = { method: request.method, headers: request.headers, body };
      response.writeHead(200, { "content-type": "application/json", "x-request-id": "req_1" }).end('{"ok":"é"}');
    });
    const headers = new Headers({ authorization: "Bearer sk-node-0001", "content-type": "application/json" });
    const response = await send("/echo", { headers, body: '{"text":"héllo"}' });
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get("X-Request-Id")).toBe("req_1");
    expect(await response.json()).toEqual({ ok: "é" });
    expect(seen).toMatchObject({ method: "POST", body: '{"text":"héllo"}' });
    expect(seen.headers?.["authorization"]).toBe("Bearer sk-node-0001");
    expect(seen.headers?.["content-length"]).toBe(String(Buffer.byteLength('{"text":"héllo"}')));
    expect(seen.headers?.["host"]).toBe(new URL(base).host);
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
  ] as const)("decodes a %s body, as fetch does", async (coding, compress) => {
    handlers.set(`/${coding}`, (_request, response) => {
      response.writeHead(200, { "content-encoding": coding }).end(compress(Buffer.from("squeezed text, ".repeat(200))));
    });
    const response = await send(`/${coding}`);
    expect(await response.text()).toBe("squeezed text, ".repeat(200));
  });

  it("joins a repeated header as fetch's Headers does, and its headers are read-only", async () => {
    handlers.set("/repeated", (_request, response) => {
      response.setHeader("x-note", ["one", "two"]);
      response.setHeader("set-cookie", ["a=1", "b=2"]);
      response.writeHead(200).end("");
    });
    const response = await send("/repeated");
    expect(response.headers.get("x-note")).toBe("one, two");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect([...response.headers].filter(([name]) => name === "set-cookie")).toEqual([
      ["set-cookie", "a=1"],
      ["set-cookie", "b=2"],
    ]);
    expect(new Headers(response.headers).get("x-note")).toBe("one, two");
    expect(() => response.headers.set("x-note", "three")).toThrow(TypeError);
    await response.text();
  });

  it("hands a redirect back as it is, unfollowed", async () => {
    let followed = false;
    handlers.set("/moved", (_request, response) => response.writeHead(302, { location: `${base}/target` }).end());
    handlers.set("/target", (_request, response) => {
      followed = true;
      response.writeHead(200).end("here");
    });
    const response = await send("/moved");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${base}/target`);
    directBodyOf(response)?.cancel();
    expect(followed).toBe(false);
  });

  it("fails a read when the body is cut short of its Content-Length", async () => {
    handlers.set("/cut", (_request, response) => {
      response.writeHead(200, { "content-length": "1000" });
      response.write("only part");
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const response = await send("/cut");
    await expect(directBodyOf(response)!.readText(10_000)).rejects.toMatchObject({ code: "ECONNRESET" });
  });

  it("stops at the signal: a pending read rejects with its reason and the socket closes", async () => {
    let closed: Promise<void> | undefined;
    handlers.set("/slow", (request, response) => {
      closed = new Promise((resolve) => request.socket.on("close", () => resolve()));
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("data: first\n\n");
    });
    const controller = new AbortController();
    const response = await send("/slow", { signal: controller.signal });
    const body = directBodyOf(response)!;
    expect(new TextDecoder().decode(await body.read())).toBe("data: first\n\n");
    const pending = body.read();
    controller.abort(new Error("stopped by the caller"));
    await expect(pending).rejects.toThrow("stopped by the caller");
    await closed;
  });

  it("reads a body as a web stream for code that asks for one", async () => {
    handlers.set("/stream", (_request, response) => {
      response.writeHead(200);
      response.write("a");
      setTimeout(() => response.end("b"), 10);
    });
    const response = await send("/stream");
    let text = "";
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) text += new TextDecoder().decode(chunk);
    expect(text).toBe("ab");
  });

  it("sends a real Request too (a body of any kind), and refuses a scheme it does not speak", async () => {
    handlers.set("/request", (_request, response, body) => response.writeHead(200).end(body.toUpperCase()));
    const response = await transport(new Request(`${base}/request`, { method: "POST", body: new Blob(["blob body"]) }));
    expect(await response.text()).toBe("BLOB BODY");
    await expect(transport(new OutgoingRequest("ftp://127.0.0.1/x", { method: "POST" }) as unknown as Request)).rejects.toThrow(/http: and https:/);
  });
});
