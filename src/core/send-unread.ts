// Used by the generated clients. openapi-fetch builds the request (URL, path and query parameters,
// JSON body, headers) but reads the body of every error response itself, while the provider must
// read it to pick the right error class. So openapi-fetch gets a bodiless stand-in, and the
// transport's `Response` comes back untouched, its body unread.
import type { SendInit } from "./send-init.js";

export async function sendUnread(
  transport: SendInit["fetch"],
  call: (fetch: SendInit["fetch"]) => Promise<unknown>,
): Promise<Response> {
  let received: Response | undefined;
  await call(async (request) => {
    received = await transport(request);
    // What openapi-fetch reads of a bodiless 204 (status, ok, a Content-Length lookup); a real
    // Response would cost a Headers and a body state per request for nothing.
    return BODILESS;
  });
  if (received === undefined) {
    throw new Error("openapi-fetch returned without sending the request");
  }
  return received;
}

const BODILESS = { status: 204, ok: true, headers: { get: (): null => null } } as unknown as Response;
