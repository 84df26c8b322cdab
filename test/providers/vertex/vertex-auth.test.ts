// Vertex AI auth against a local token endpoint: a service account's JWT (signed through Web Crypto,
// verified by the endpoint with node:crypto), the token cached until shortly before expiry, one
// exchange for concurrent calls, refusals as typed errors, and the other ways in.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthenticationError, InvalidRequestError } from "../../../src/errors.js";
import type { ProviderSettings } from "../../../src/providers/contract.js";
import { accessToken, clearTokenCache, resolveVertexAuth, type VertexAuth } from "../../../src/providers/vertex/vertex-auth.js";
import { vertexBaseURL, vertexProject } from "../../../src/providers/vertex/vertex-location.js";
import { serviceAccountKeys, startTokenServer, type TokenServer } from "../../helpers/google-token-server.js";

const keys = serviceAccountKeys();
let tokens: TokenServer;
let credentialsFile: string;
const transport = (request: Request) => fetch(request);

function settings(extra: Record<string, unknown>, env: Record<string, string> = {}): ProviderSettings {
  return { apiKey: undefined, baseURL: "https://aiplatform.googleapis.com", headers: {}, extra, env };
}

beforeAll(async () => {
  tokens = await startTokenServer(keys.publicKey);
  credentialsFile = path.join(mkdtempSync(path.join(tmpdir(), "onellm-vertex-")), "service-account.json");
  writeFileSync(
    credentialsFile,
    JSON.stringify({
      type: "service_account",
      project_id: "acme-ml-prod",
      private_key_id: "4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b",
      private_key: keys.privateKey,
      client_email: "onellm-test@acme-ml-prod.iam.gserviceaccount.com",
      client_id: "109876543210987654321",
      token_uri: tokens.url,
    }),
  );
});
afterAll(async () => {
  await tokens.stop();
});
beforeEach(() => {
  clearTokenCache();
  tokens.exchanges.length = 0;
  tokens.answer = { expiresIn: 3600 };
});

describe("service-account JWT exchange (GOOGLE_APPLICATION_CREDENTIALS)", () => {
  const auth = (): VertexAuth => resolveVertexAuth(settings({}, { GOOGLE_APPLICATION_CREDENTIALS: credentialsFile }));

  it("signs an RS256 JWT the token endpoint verifies, with Google's claims, and returns its token", async () => {
    const token = await accessToken(auth(), transport, () => 1_750_000_000);
    expect(token).toBe("ya29.test-token-1");
    const [exchange] = tokens.exchanges;
    expect(exchange?.signatureValid).toBe(true);
    expect(exchange?.grantType).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    expect(exchange?.header).toEqual({ alg: "RS256", typ: "JWT", kid: "4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b" });
    expect(exchange?.claims).toEqual({
      iss: "onellm-test@acme-ml-prod.iam.gserviceaccount.com",
      scope: "https://www.googleapis.com/auth/cloud-platform",
      aud: tokens.url,
      iat: 1_750_000_000,
      exp: 1_750_003_600,
    });
  });

  it("caches the token until a minute before it expires, then exchanges again", async () => {
    let now = 1_750_000_000;
    expect(await accessToken(auth(), transport, () => now)).toBe("ya29.test-token-1");
    now += 3000;
    expect(await accessToken(auth(), transport, () => now)).toBe("ya29.test-token-1");
    expect(tokens.exchanges).toHaveLength(1);
    now += 560; // 40 s before expiry: renewed
    expect(await accessToken(auth(), transport, () => now)).toBe("ya29.test-token-2");
    expect(tokens.exchanges).toHaveLength(2);
  });

  it("makes one exchange for concurrent calls", async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => accessToken(auth(), transport)));
    expect(new Set(results)).toEqual(new Set(["ya29.test-token-1"]));
    expect(tokens.exchanges).toHaveLength(1);
  });

  it("turns a refused grant into AuthenticationError (the next target may have its own credentials)", async () => {
    tokens.answer = "invalid_grant";
    await expect(accessToken(auth(), transport)).rejects.toBeInstanceOf(AuthenticationError);
    await expect(accessToken(auth(), transport)).rejects.toThrow(/invalid_grant/);
  });

  it("takes the project from the service account when none is configured", async () => {
    expect(await vertexProject(settings({}, { GOOGLE_APPLICATION_CREDENTIALS: credentialsFile }), auth())).toBe("acme-ml-prod");
    expect(await vertexProject(settings({}, { GOOGLE_APPLICATION_CREDENTIALS: credentialsFile, VERTEX_PROJECT: "other-proj" }), auth())).toBe("other-proj");
  });

  it("says which file it cannot read", async () => {
    const missing = resolveVertexAuth(settings({}, { GOOGLE_APPLICATION_CREDENTIALS: "/nonexistent/sa.json" }));
    await expect(accessToken(missing, transport)).rejects.toThrow(/Cannot read GOOGLE_APPLICATION_CREDENTIALS \(\/nonexistent\/sa\.json\)/);
  });
});

describe("other ways in, and where requests go", () => {
  it("prefers providers.vertex.accessToken, a string or a function called per request", async () => {
    let calls = 0;
    const fromFunction = resolveVertexAuth(settings({ accessToken: () => `fn-token-${++calls}` }, { GOOGLE_APPLICATION_CREDENTIALS: credentialsFile }));
    expect(await accessToken(fromFunction, transport)).toBe("fn-token-1");
    expect(await accessToken(fromFunction, transport)).toBe("fn-token-2");
    expect(await accessToken(resolveVertexAuth(settings({ accessToken: "static-token" })), transport)).toBe("static-token");
    expect(tokens.exchanges).toHaveLength(0);
  });

  it("accepts the parsed credentials object in providers.vertex.credentials", async () => {
    const auth = resolveVertexAuth(settings({ credentials: { type: "service_account", client_email: "a@b.iam.gserviceaccount.com", private_key: keys.privateKey, token_uri: tokens.url } }));
    expect(await accessToken(auth, transport)).toBe("ya29.test-token-1");
  });

  it("is an AuthenticationError naming every way in when nothing is configured, an InvalidRequestError for bad credentials", () => {
    expect(() => resolveVertexAuth(settings({}))).toThrow(AuthenticationError);
    expect(() => resolveVertexAuth(settings({}))).toThrow(/GOOGLE_APPLICATION_CREDENTIALS.*providers\.vertex\.accessToken/);
    expect(() => resolveVertexAuth(settings({ credentials: { type: "service_account" } }))).toThrow(InvalidRequestError);
  });

  it("reaches {location}-aiplatform.googleapis.com, and the global endpoint without a region prefix", () => {
    expect(vertexBaseURL({ location: "europe-west4" }, {})).toBe("https://europe-west4-aiplatform.googleapis.com");
    expect(vertexBaseURL({}, { VERTEX_LOCATION: "us-east5" })).toBe("https://us-east5-aiplatform.googleapis.com");
    expect(vertexBaseURL({}, { GOOGLE_CLOUD_LOCATION: "global" })).toBe("https://aiplatform.googleapis.com");
    expect(vertexBaseURL({}, {})).toBe("https://aiplatform.googleapis.com");
    expect(() => vertexBaseURL({ location: "evil.com/x" }, {})).toThrow(/Invalid Vertex AI location/);
  });
});
