// Who Bedrock is told the caller is, in order: `providers.bedrock.apiKey` (a Bedrock API key, sent as
// Authorization: Bearer), `providers.bedrock.credentials` (AWS credentials, or a function returning
// them: plug in the AWS SDK's provider chain), AWS_BEARER_TOKEN_BEDROCK, then AWS_ACCESS_KEY_ID /
// AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN. AWS credentials sign each request with SigV4 (service
// `bedrock`) through aws4fetch's signer, over the exact URL, headers and body that are sent.
import { AwsV4Signer } from "aws4fetch";
import { OutgoingRequest } from "../../core/outgoing-request.js";
import { registerSecret } from "../../core/redact.js";
import { AuthenticationError, InvalidRequestError, OneLLMError } from "../../errors.js";
import type { ProviderSettings, SendInit } from "../contract.js";
import { configuredRegion } from "./bedrock-region.js";

export { configuredRegion } from "./bedrock-region.js";

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

/** As the AWS SDK's credential providers are: called before each request (they cache themselves). */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

export type BedrockAuth =
  | { kind: "bearer"; token: string }
  | { kind: "sigv4"; credentials: AwsCredentials | AwsCredentialsProvider; region: string };

export const SIGNING_SERVICE = "bedrock";

/** The region in a standard endpoint (`bedrock-runtime.eu-west-1.amazonaws.com`), for signing. */
function regionOfURL(baseURL: string): string | undefined {
  return /^bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com/.exec(new URL(baseURL).hostname)?.[1];
}

function isCredentials(value: unknown): value is AwsCredentials {
  if (typeof value !== "object" || value === null) return false;
  const { accessKeyId, secretAccessKey, sessionToken } = value as Record<string, unknown>;
  return typeof accessKeyId === "string" && accessKeyId !== "" && typeof secretAccessKey === "string" && secretAccessKey !== "" && (sessionToken === undefined || typeof sessionToken === "string");
}

function remember(credentials: AwsCredentials): AwsCredentials {
  registerSecret(credentials.secretAccessKey);
  registerSecret(credentials.sessionToken);
  return credentials;
}

/**
 * How this call authenticates, decided before anything is sent. No credentials at all is an
 * AuthenticationError (the next target may have its own); a malformed setting is an InvalidRequestError.
 */
export function resolveAuth(settings: ProviderSettings): BedrockAuth {
  const { extra, env } = settings;
  if (settings.apiKey) return { kind: "bearer", token: settings.apiKey };
  const configured = extra["credentials"];
  const region = () => {
    const found = configuredRegion(extra, env) ?? regionOfURL(settings.baseURL);
    if (found === undefined) {
      throw new InvalidRequestError("Bedrock needs a region to sign requests: set AWS_REGION or providers.bedrock.region.", "providers.bedrock.region");
    }
    return found;
  };
  if (configured !== undefined) {
    if (typeof configured === "function") return { kind: "sigv4", credentials: configured as AwsCredentialsProvider, region: region() };
    if (!isCredentials(configured)) {
      throw new InvalidRequestError(
        "Invalid client option `providers.bedrock.credentials`: expected { accessKeyId, secretAccessKey, sessionToken? } or a function returning them (e.g. fromNodeProviderChain() from @aws-sdk/credential-providers).",
        "providers.bedrock.credentials",
      );
    }
    return { kind: "sigv4", credentials: remember(configured), region: region() };
  }
  const bearer = env["AWS_BEARER_TOKEN_BEDROCK"];
  if (bearer) {
    registerSecret(bearer);
    return { kind: "bearer", token: bearer };
  }
  const accessKeyId = env["AWS_ACCESS_KEY_ID"];
  const secretAccessKey = env["AWS_SECRET_ACCESS_KEY"];
  if (accessKeyId && secretAccessKey) {
    return { kind: "sigv4", credentials: remember({ accessKeyId, secretAccessKey, sessionToken: env["AWS_SESSION_TOKEN"] || undefined }), region: region() };
  }
  throw new AuthenticationError(
    "No credentials for bedrock: set AWS_BEARER_TOKEN_BEDROCK (a Bedrock API key) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass providers.bedrock.apiKey or providers.bedrock.credentials (an object or a credentials-provider function).",
    { provider: "bedrock" },
  );
}

async function currentCredentials(source: AwsCredentials | AwsCredentialsProvider): Promise<AwsCredentials> {
  if (typeof source !== "function") return source;
  let credentials: unknown;
  try {
    credentials = await source();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AuthenticationError(`The providers.bedrock.credentials function failed: ${detail}`, { provider: "bedrock", cause: error });
  }
  if (!isCredentials(credentials)) {
    throw new OneLLMError("The providers.bedrock.credentials function must return { accessKeyId, secretAccessKey, sessionToken? }.");
  }
  return remember(credentials);
}

export interface SignOptions {
  /** SigV4's X-Amz-Date (`20150830T123600Z`); now when absent. For tests against AWS's examples. */
  datetime?: string;
  /** Sign every header, content-type included (aws4fetch leaves a few out by default). */
  allHeaders?: boolean;
}

/** Signs one request: the SigV4 headers (Authorization, X-Amz-Date, X-Amz-Security-Token) for exactly this URL, method, headers and body. */
export async function signRequest(
  request: { url: string; method: string; headers: HeadersInit; body: string | undefined },
  credentials: AwsCredentials,
  region: string,
  service: string,
  options: SignOptions = {},
): Promise<Headers> {
  const signer = new AwsV4Signer({
    url: request.url,
    method: request.method,
    headers: request.headers,
    body: request.body ?? "",
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken === undefined ? {} : { sessionToken: credentials.sessionToken }),
    service,
    region,
    ...(options.datetime === undefined ? {} : { datetime: options.datetime }),
    ...(options.allHeaders === undefined ? {} : { allHeaders: options.allHeaders }),
  });
  return (await signer.sign()).headers;
}

/** The transport fetch with Bedrock's auth added per request (SigV4 needs the final URL and body). */
export function authenticatedFetch(transport: SendInit["fetch"], auth: BedrockAuth): SendInit["fetch"] {
  if (auth.kind === "bearer") {
    return (request) => {
      const outgoing = toOutgoing(request);
      const headers = new Headers(outgoing.init.headers);
      headers.set("authorization", `Bearer ${auth.token}`);
      return transport(asRequest(new OutgoingRequest(outgoing.url, { ...outgoing.init, headers })));
    };
  }
  return async (request) => {
    const outgoing = toOutgoing(request);
    const credentials = await currentCredentials(auth.credentials);
    const body = outgoing.init.body;
    if (body !== undefined && body !== null && typeof body !== "string") throw new Error("bedrock: a request body to sign must be a string");
    const headers = await signRequest(
      { url: outgoing.url, method: outgoing.method, headers: outgoing.init.headers ?? {}, body: body ?? undefined },
      credentials,
      auth.region,
      SIGNING_SERVICE,
    );
    return transport(asRequest(new OutgoingRequest(outgoing.url, { ...outgoing.init, headers })));
  };
}

/** OutgoingRequest stands in for Request on the transport path (core/outgoing-request.ts). */
function asRequest(request: OutgoingRequest): Request {
  return request as unknown as Request;
}

function toOutgoing(request: Request): OutgoingRequest {
  // The generated clients always describe requests with OutgoingRequest (see core/outgoing-request.ts).
  if (request instanceof OutgoingRequest) return request;
  throw new Error("bedrock: expected the generated client's request description");
}
