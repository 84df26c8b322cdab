// Who Vertex AI is told the caller is: `providers.vertex.accessToken` (a token, or a function
// returning one, called per request), else Google credentials from `providers.vertex.credentials`
// (the parsed JSON) or the file GOOGLE_APPLICATION_CREDENTIALS names: a service account (a JWT
// signed through Web Crypto, exchanged for a token) or an authorized user (a refresh token, as
// `gcloud auth application-default login` writes). Tokens are cached until shortly before they
// expire, one exchange at a time per credential.
import { registerSecret } from "../../core/redact.js";
import { APIError, AuthenticationError, InvalidRequestError, OneLLMError } from "../../errors.js";
import type { ProviderSettings, SendInit } from "../contract.js";
import { DEFAULT_TOKEN_URI, signAssertion, type ServiceAccount } from "./vertex-jwt.js";

export type AccessTokenSource = string | (() => string | Promise<string>);

interface AuthorizedUser {
  type: "authorized_user";
  client_id: string;
  client_secret: string;
  refresh_token: string;
  quota_project_id?: string;
}

export type GoogleCredentials = ServiceAccount | AuthorizedUser;

export type VertexAuth =
  | { kind: "token"; source: AccessTokenSource }
  | { kind: "credentials"; credentials: GoogleCredentials }
  | { kind: "file"; path: string };

/** A token this long before expiry is renewed instead of used. */
const EXPIRY_MARGIN_SECONDS = 60;

/** How this call authenticates, decided before anything is sent; none at all is an AuthenticationError. */
export function resolveVertexAuth(settings: ProviderSettings): VertexAuth {
  const { extra, env } = settings;
  const token = extra["accessToken"];
  if (token !== undefined) {
    if (typeof token === "function") return { kind: "token", source: token as () => string | Promise<string> };
    if (typeof token === "string" && token !== "") {
      registerSecret(token);
      return { kind: "token", source: token };
    }
    throw new InvalidRequestError("Invalid client option `providers.vertex.accessToken`: expected a token or a function returning one.", "providers.vertex.accessToken");
  }
  const credentials = extra["credentials"];
  if (credentials !== undefined) return { kind: "credentials", credentials: checkCredentials(credentials, "providers.vertex.credentials") };
  const file = env["GOOGLE_APPLICATION_CREDENTIALS"];
  if (file) return { kind: "file", path: file };
  throw new AuthenticationError(
    "No credentials for Vertex AI: set GOOGLE_APPLICATION_CREDENTIALS to a service-account JSON file, or pass providers.vertex.accessToken (a token or a function returning one) or providers.vertex.credentials.",
    { provider: "vertex" },
  );
}

function checkCredentials(value: unknown, where: string): GoogleCredentials {
  const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const strings = (...names: string[]) => names.every((name) => typeof record[name] === "string" && record[name] !== "");
  if (record["type"] === "service_account" && strings("client_email", "private_key")) {
    registerSecret(record["private_key"] as string);
    return record as unknown as ServiceAccount;
  }
  if (record["type"] === "authorized_user" && strings("client_id", "client_secret", "refresh_token")) {
    registerSecret(record["client_secret"] as string);
    registerSecret(record["refresh_token"] as string);
    return record as unknown as AuthorizedUser;
  }
  throw new InvalidRequestError(
    `Invalid ${where}: expected a service account ({ type: "service_account", client_email, private_key, ... }) or authorized-user credentials ({ type: "authorized_user", client_id, client_secret, refresh_token }).`,
    where,
  );
}

/** The project a service-account file names, for when no project is configured. */
export async function credentialsProject(auth: VertexAuth): Promise<string | undefined> {
  if (auth.kind === "token") return undefined;
  const credentials = auth.kind === "credentials" ? auth.credentials : await readCredentialsFile(auth.path);
  return credentials.type === "service_account" ? credentials.project_id : credentials.quota_project_id;
}

const FS_MODULE = "node:fs/promises";
const files = new Map<string, Promise<GoogleCredentials>>();

async function readCredentialsFile(path: string): Promise<GoogleCredentials> {
  let pending = files.get(path);
  if (pending === undefined) {
    pending = (async () => {
      // Loaded only here, and by a computed name, so the main entry's import path holds no Node
      // built-in: a credentials file exists only where there is a file system.
      const { readFile } = (await import(FS_MODULE)) as { readFile(path: string, encoding: "utf8"): Promise<string> };
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch (error) {
        throw new AuthenticationError(`Cannot read GOOGLE_APPLICATION_CREDENTIALS (${path}): ${(error as Error).message}`, { provider: "vertex", cause: error });
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new AuthenticationError(`GOOGLE_APPLICATION_CREDENTIALS (${path}) is not JSON.`, { provider: "vertex" });
      }
      return checkCredentials(parsed, `GOOGLE_APPLICATION_CREDENTIALS (${path})`);
    })();
    files.set(path, pending);
    pending.catch(() => files.delete(path));
  }
  return pending;
}

interface CachedToken {
  token: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const tokens = new Map<string, CachedToken>();
const exchanges = new Map<string, Promise<CachedToken>>();

function cacheKey(credentials: GoogleCredentials): string {
  return credentials.type === "service_account"
    ? `sa:${credentials.client_email}:${credentials.token_uri ?? DEFAULT_TOKEN_URI}`
    : `user:${credentials.client_id}:${credentials.refresh_token.slice(-12)}`;
}

/** Forgets cached tokens (tests; a caller that rotated a key). */
export function clearTokenCache(): void {
  tokens.clear();
  exchanges.clear();
  files.clear();
}

/** The access token for one request: a cached one while it is fresh, else one exchange shared by concurrent callers. */
export async function accessToken(auth: VertexAuth, fetch: SendInit["fetch"], now: () => number = () => Date.now() / 1000): Promise<string> {
  if (auth.kind === "token") return callTokenSource(auth.source);
  const credentials = auth.kind === "credentials" ? auth.credentials : await readCredentialsFile(auth.path);
  const key = cacheKey(credentials);
  const cached = tokens.get(key);
  if (cached !== undefined && cached.expiresAt - EXPIRY_MARGIN_SECONDS > now()) return cached.token;
  let pending = exchanges.get(key);
  if (pending === undefined) {
    pending = exchange(credentials, fetch, now()).finally(() => exchanges.delete(key));
    exchanges.set(key, pending);
  }
  const fresh = await pending;
  tokens.set(key, fresh);
  return fresh.token;
}

async function callTokenSource(source: AccessTokenSource): Promise<string> {
  if (typeof source === "string") return source;
  let token: unknown;
  try {
    token = await source();
  } catch (error) {
    throw new AuthenticationError(`The providers.vertex.accessToken function failed: ${(error as Error).message}`, { provider: "vertex", cause: error });
  }
  if (typeof token !== "string" || token === "") throw new OneLLMError("The providers.vertex.accessToken function must return a non-empty string.");
  registerSecret(token);
  return token;
}

async function exchange(credentials: GoogleCredentials, fetch: SendInit["fetch"], nowSeconds: number): Promise<CachedToken> {
  const form = new URLSearchParams();
  let tokenUri: string;
  if (credentials.type === "service_account") {
    tokenUri = credentials.token_uri ?? DEFAULT_TOKEN_URI;
    form.set("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
    form.set("assertion", await signAssertion(credentials, Math.floor(nowSeconds)));
  } else {
    tokenUri = DEFAULT_TOKEN_URI;
    form.set("grant_type", "refresh_token");
    form.set("client_id", credentials.client_id);
    form.set("client_secret", credentials.client_secret);
    form.set("refresh_token", credentials.refresh_token);
  }
  const response = await fetch(new Request(tokenUri, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString(), redirect: "manual" }));
  const text = await response.text();
  if (!response.ok) {
    // 400/401 from the token endpoint (invalid_grant, a revoked key) is the credentials' fault.
    const status = response.status >= 500 || response.status === 429 ? response.status : 401;
    throw APIError.fromResponse(status, text, response.headers, "vertex", { message: `Google's token endpoint refused the credentials (${response.status}): ${text.slice(0, 300)}` });
  }
  let parsed: { access_token?: unknown; expires_in?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new APIError("Google's token endpoint answered with a body that is not JSON", { status: response.status, provider: "vertex", body: text, retryable: true });
  }
  if (typeof parsed.access_token !== "string" || parsed.access_token === "") {
    throw new APIError("Google's token endpoint answered without an access_token", { status: response.status, provider: "vertex", body: text, retryable: true });
  }
  registerSecret(parsed.access_token);
  const lifetime = typeof parsed.expires_in === "number" ? parsed.expires_in : 3600;
  return { token: parsed.access_token, expiresAt: nowSeconds + lifetime };
}
