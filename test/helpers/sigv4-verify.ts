// An independent SigV4 check for the server side of tests (node:crypto, no shared code with the
// signer): recomputes the signature of a request as received and compares it with its Authorization.
import { createHash, createHmac } from "node:crypto";
import type { RecordedRequest } from "./replay-server.js";

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface Verification {
  valid: boolean;
  credentialScope: string;
  signedHeaders: string[];
}

/** Verifies `request`'s SigV4 Authorization header with `secretAccessKey`. */
export function verifySigV4(request: RecordedRequest, secretAccessKey: string): Verification {
  const authorization = String(request.headers["authorization"] ?? "");
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization);
  if (match === null) return { valid: false, credentialScope: "", signedHeaders: [] };
  const [, , scope = "", signedList = "", signature = ""] = match;
  const [date = "", region = "", service = ""] = scope.split("/");
  const signedHeaders = signedList.split(";");
  const amzDate = String(request.headers["x-amz-date"] ?? "");
  const [path = "/", query = ""] = request.url.split("?");
  // Every service but S3 signs each path segment URI-encoded a second time.
  const canonicalPath = path.split("/").map((segment) => rfc3986(segment)).join("/");
  const canonicalQuery = query
    .split("&")
    .filter((pair) => pair !== "")
    .sort()
    .join("&");
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${String(request.headers[name] ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
  const bodyHash = createHash("sha256").update(request.rawBody).digest("hex");
  const canonicalRequest = [request.method, canonicalPath, canonicalQuery, canonicalHeaders, signedList, bodyHash].join("\n");
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, createHash("sha256").update(canonicalRequest).digest("hex")].join("\n");
  let key: Buffer = createHmac("sha256", `AWS4${secretAccessKey}`).update(date).digest();
  for (const part of [region, service, "aws4_request"]) key = createHmac("sha256", key).update(part).digest();
  const expected = createHmac("sha256", key).update(stringToSign).digest("hex");
  return { valid: expected === signature, credentialScope: scope, signedHeaders };
}
