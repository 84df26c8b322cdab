import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { htmlPage, refusedUrl, startFaultServer, type FaultServer } from "./fault-server.js";

const PATH = "/v1/chat/completions";

let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer();
});

afterEach(() => server.reset());

afterAll(async () => {
  await server.stop();
});

function post(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-primary" },
    body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }),
    ...init,
  });
}

/** Read a body to the end or to the first error; returns the text received and the error. */
async function drain(response: Response): Promise<{ text: string; error: unknown }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return { text, error: undefined };
  } catch (error) {
    return { text, error };
  }
}

describe("startFaultServer", () => {
  it("binds 127.0.0.1 on an OS-assigned port", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("serves queued responses in order, then repeats the last one", async () => {
    server.enqueue(
      PATH,
      { status: 429, headers: { "Retry-After": "2" }, body: { error: { message: "slow down", type: "rate_limit" } } },
      { status: 503, body: "upstream unavailable" },
      { status: 200, body: { id: "chatcmpl-1", object: "chat.completion", choices: [] } },
    );

    const first = await post(PATH);
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("2");
    expect(first.headers.get("content-type")).toBe("application/json");
    expect(await first.json()).toEqual({ error: { message: "slow down", type: "rate_limit" } });

    const second = await post(PATH);
    expect(second.status).toBe(503);
    expect(second.headers.get("content-type")).toContain("text/plain");
    expect(await second.text()).toBe("upstream unavailable");

    for (let i = 0; i < 2; i++) {
      const ok = await post(PATH);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ id: "chatcmpl-1" });
    }
    expect(server.count(PATH)).toBe(4);
  });

  it("answers 500 with an explanation for a path that has nothing queued", async () => {
    const response = await post("/unscripted");
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).toContain("nothing enqueued for POST /unscripted");
  });

  it("counts and records requests per path, with headers and JSON body", async () => {
    server.enqueue("/a", { status: 200, body: {} });
    server.enqueue("/b", { status: 200, body: {} });
    await (await post("/a")).text();
    await (await post("/b?key=gm-key", { headers: { "x-goog-api-key": "gm-key", "content-type": "application/json" } })).text();
    await (await post("/a", { headers: { authorization: "Bearer sk-fallback" } })).text();

    expect(server.count("/a")).toBe(2);
    expect(server.count("/b")).toBe(1);
    expect(server.count("/c")).toBe(0);
    expect(server.requests("/a").map((r) => r.headers.authorization)).toEqual(["Bearer sk-primary", "Bearer sk-fallback"]);
    const [b] = server.requests("/b");
    expect(b).toMatchObject({ method: "POST", path: "/b", url: "/b?key=gm-key", body: { model: "gpt-4o-mini" } });
    expect(b?.headers["x-goog-api-key"]).toBe("gm-key");
    expect(server.requests().map((r) => r.path)).toEqual(["/a", "/b", "/a"]);

    server.reset();
    expect(server.count("/a")).toBe(0);
    expect(server.requests()).toEqual([]);
  });

  it("reset-before-headers: fetch rejects, and the attempt is counted", async () => {
    server.enqueue(PATH, { kind: "reset-before-headers" });
    await expect(post(PATH)).rejects.toThrow();
    expect(server.count(PATH)).toBe(1);
  });

  it("never-respond: the client gives up via its AbortSignal", async () => {
    server.enqueue(PATH, { kind: "never-respond" });
    const err: unknown = await post(PATH, { signal: AbortSignal.timeout(200) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DOMException);
    expect((err as DOMException).name).toBe("TimeoutError");
    expect(server.count(PATH)).toBe(1);
  });

  it("stall-after-headers: headers and a body prefix arrive, then the body hangs", async () => {
    server.enqueue(PATH, { kind: "stall-after-headers", status: 200, bodyPrefix: '{"id":"chatcmpl-' });
    const controller = new AbortController();
    const response = await post(PATH, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('{"id":"chatcmpl-');
    const pending = reader.read();
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it("sse then end: every frame arrives verbatim and the stream ends cleanly", async () => {
    const events = ['data: {"n":1}\n\n', 'data: {"n":2}\n\n', "data: [DONE]\n\n"];
    server.enqueue(PATH, { kind: "sse", events, then: "end" });
    const response = await post(PATH);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(await drain(response)).toEqual({ text: events.join(""), error: undefined });
  });

  it("sse then reset: the body read fails after a prefix of the frames", async () => {
    const events = ['data: {"n":1}\n\n', 'data: {"n":2}\n\n'];
    server.enqueue(PATH, { kind: "sse", events, then: "reset" });
    const { text, error } = await drain(await post(PATH));
    expect(error).toBeInstanceOf(Error);
    expect(events.join("").startsWith(text)).toBe(true);
  });

  it("sse then hang: frames arrive, then the stream stays open until the client aborts", async () => {
    server.enqueue(PATH, { kind: "sse", events: ['data: {"n":1}\n\n'], then: "hang" });
    const controller = new AbortController();
    const response = await post(PATH, { signal: controller.signal });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: {"n":1}\n\n');
    const pending = reader.read();
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it("html: serves an HTML error page of the requested size", async () => {
    server.enqueue(PATH, { kind: "html", status: 502 }, { kind: "html", status: 504, bytes: 300 });
    const big = await post(PATH);
    expect(big.status).toBe(502);
    expect(big.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await big.text();
    expect(page.length).toBe(20 * 1024);
    expect(page).toContain("<title>502 Bad Gateway</title>");
    expect(page.trimEnd().endsWith("</html>")).toBe(true);
    const small = await post(PATH);
    expect(small.status).toBe(504);
    expect((await small.text()).length).toBe(300);
    expect(htmlPage(500, 10)).toHaveLength(10);
  });

  it("refusedUrl(): a 127.0.0.1 URL where connecting is refused", async () => {
    const url = await refusedUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const err: unknown = await fetch(url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(((err as TypeError).cause as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");
  });

  it("stop() destroys hung sockets and closes the server", async () => {
    const other = await startFaultServer();
    other.enqueue("/hang", { kind: "never-respond" });
    other.enqueue("/stall", { kind: "stall-after-headers", status: 200 });
    const hung = fetch(`${other.url}/hang`).catch((e: unknown) => e);
    const stalled = fetch(`${other.url}/stall`);
    const stalledResponse = await stalled;
    const stalledBody = drain(stalledResponse);
    // Wait until both requests have arrived before stopping.
    while (other.count("/hang") + other.count("/stall") < 2) await new Promise((r) => setImmediate(r));
    await other.stop();
    expect(await hung).toBeInstanceOf(Error);
    expect((await stalledBody).error).toBeInstanceOf(Error);
    const after: unknown = await fetch(other.url).catch((e: unknown) => e);
    expect(after).toBeInstanceOf(TypeError);
  });
});
