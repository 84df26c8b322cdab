// An injected fetch that records each outgoing request and answers from a queue of responses.
import type { Fetch } from "../../src/client.js";

export interface CapturedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | undefined;
  redirect: RequestRedirect;
}

export interface CaptureFetch {
  fetch: Fetch;
  requests: CapturedRequest[];
}

export type Reply = () => Response;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export function captureFetch(...replies: Reply[]): CaptureFetch {
  const requests: CapturedRequest[] = [];
  let index = 0;
  const fetchImpl: Fetch = async (input) => {
    const text = await input.text();
    requests.push({
      url: input.url,
      method: input.method,
      headers: Object.fromEntries(input.headers.entries()),
      body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
      redirect: input.redirect,
    });
    const reply = replies[Math.min(index, replies.length - 1)];
    index++;
    if (!reply) throw new Error("captureFetch: no reply queued");
    return reply();
  };
  return { fetch: fetchImpl, requests };
}
