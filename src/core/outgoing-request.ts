// A lightweight stand-in for `Request`, handed to openapi-fetch as its Request class. Building a real
// `Request` (and the AbortSignal it derives) costs tens of microseconds in Node 20, and the platform
// fetch builds its own anyway; so the generated clients describe the request with this, and a real
// `Request` is only made for a caller-injected fetch, which expects one.
import { withRealSignal } from "./attempt-signal.js";

export class OutgoingRequest {
  readonly url: string;
  readonly init: RequestInit;

  constructor(input: string | URL, init: RequestInit = {}) {
    this.url = typeof input === "string" ? input : input.href;
    this.init = init;
  }

  get method(): string {
    return this.init.method ?? "GET";
  }

  get headers(): Headers {
    return this.init.headers instanceof Headers ? this.init.headers : new Headers(this.init.headers);
  }

  get signal(): AbortSignal | null {
    return this.init.signal ?? null;
  }

  get redirect(): RequestRedirect {
    return this.init.redirect ?? "follow";
  }

  /** A real `Request` for a caller-injected fetch; `init` may add fetch options (a dispatcher, say). */
  toRequest(init: RequestInit = this.init): Request {
    return new (fetchRequestClass())(this.url, withRealSignal(init));
  }
}

let FetchRequest: typeof Request | undefined;

/**
 * A `Request` whose string form is its URL: a custom fetch written for `openai`'s `fetch(url, init)`
 * call may use `String(url)` or `new URL(url)`, and gets the address, as it would from `openai`.
 * The class is made on first use: subclassing `Request` when this module loads would pull Node's
 * whole fetch implementation (undici, web streams, http2) into every import of onellm.
 */
function fetchRequestClass(): typeof Request {
  FetchRequest ??= class extends Request {
    override toString(): string {
      return this.url;
    }
  };
  return FetchRequest;
}

/** The Request class the generated clients give openapi-fetch. */
export const OutgoingRequestClass = OutgoingRequest as unknown as typeof Request;
