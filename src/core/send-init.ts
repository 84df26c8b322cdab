// What the transport hands a provider's generated client for one attempt: the fetch, the attempt's
// signal and the headers to send. In core (not in providers/contract.ts, which re-exports it) because core's
// send-unread.ts takes it too, and core knows no provider.
export interface SendInit {
  /** A fetch that enforces onellm's transport rules (no redirects, timeouts, abort). */
  fetch: (request: Request) => Promise<Response>;
  signal: AbortSignal;
  headers: Record<string, string>;
}
