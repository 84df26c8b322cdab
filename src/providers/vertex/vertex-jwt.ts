// A service account's OAuth token exchange (RFC 7523, Google's "OAuth 2.0 for server to server
// applications"): a JWT asserting the account, signed RS256 with its private key through Web Crypto,
// is traded at the account's token_uri for an access token. No auth library on the main path.

export interface ServiceAccount {
  type: "service_account";
  client_email: string;
  private_key: string;
  private_key_id?: string;
  project_id?: string;
  token_uri?: string;
}

export const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
export const DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

function base64url(bytes: Uint8Array | string): string {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  let binary = "";
  for (let index = 0; index < data.length; index++) binary += String.fromCharCode(data[index] as number);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** PKCS #8 PEM (`-----BEGIN PRIVATE KEY-----`, as service-account files hold it) -> DER bytes. */
function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const body = pem.replace(/-----BEGIN PRIVATE KEY-----|-----END PRIVATE KEY-----|\s+/g, "");
  const binary = atob(body);
  const der = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) der[index] = binary.charCodeAt(index);
  return der;
}

/** The signed assertion for `account`, valid one hour from `nowSeconds`. */
export async function signAssertion(account: ServiceAccount, nowSeconds: number, scope = CLOUD_PLATFORM_SCOPE): Promise<string> {
  if (!/-----BEGIN PRIVATE KEY-----/.test(account.private_key)) {
    throw new Error("the service account's private_key is not a PKCS #8 PEM key (-----BEGIN PRIVATE KEY-----)");
  }
  const header = { alg: "RS256", typ: "JWT", ...(account.private_key_id ? { kid: account.private_key_id } : {}) };
  const claims = { iss: account.client_email, scope, aud: account.token_uri ?? DEFAULT_TOKEN_URI, iat: nowSeconds, exp: nowSeconds + 3600 };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const key = await crypto.subtle.importKey("pkcs8", pemToDer(account.private_key), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
  const signature = new Uint8Array(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, new TextEncoder().encode(unsigned)));
  return `${unsigned}.${base64url(signature)}`;
}

/** Reads a JWT's three parts (for tests and diagnostics; nothing is verified here). */
export function decodeJwt(token: string): { header: Record<string, unknown>; claims: Record<string, unknown>; signature: Uint8Array; signed: string } {
  const [header = "", claims = "", signature = ""] = token.split(".");
  const decode = (part: string) => {
    const padded = part.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (part.length % 4)) % 4);
    const binary = atob(padded);
    return Uint8Array.from(binary, (character) => character.charCodeAt(0));
  };
  const text = (part: string) => JSON.parse(new TextDecoder().decode(decode(part))) as Record<string, unknown>;
  return { header: text(header), claims: text(claims), signature: decode(signature), signed: `${header}.${claims}` };
}
