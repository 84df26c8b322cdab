// A local stand-in for Google's OAuth token endpoint (127.0.0.1, free port): it verifies each JWT
// bearer assertion with the service account's public key (node:crypto, independent of the signer)
// and answers an access token, or refuses as Google does (400 invalid_grant). No vitest imports.
import { createPublicKey, createVerify, generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { LOOPBACK } from "./free-port.js";
import { readRequest } from "./replay-server.js";

export interface TokenExchange {
  grantType: string | null;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signatureValid: boolean;
}

export interface TokenServer {
  url: string;
  exchanges: TokenExchange[];
  /** The next answers: a token lifetime in seconds, or "invalid_grant". Tokens are numbered by exchange. */
  answer: { expiresIn: number } | "invalid_grant";
  stop(): Promise<void>;
}

/** A fresh RSA key pair as a service-account file holds it (PKCS #8 PEM) and the public key to verify with. */
export function serviceAccountKeys(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey: publicKey.export({ type: "spki", format: "pem" }).toString() };
}

function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
}

export async function startTokenServer(publicKey: string): Promise<TokenServer> {
  const exchanges: TokenExchange[] = [];
  const state: TokenServer = { url: "", exchanges, answer: { expiresIn: 3600 }, stop: () => Promise.resolve() };
  const server = http.createServer((request, response) => {
    void readRequest(request).then((recorded) => {
      const form = new URLSearchParams(recorded.rawBody);
      const assertion = form.get("assertion") ?? "";
      const [header = "", claims = "", signature = ""] = assertion.split(".");
      const verifier = createVerify("RSA-SHA256");
      verifier.update(`${header}.${claims}`);
      const signatureValid = signature !== "" && verifier.verify(createPublicKey(publicKey), Buffer.from(signature, "base64url"));
      exchanges.push({ grantType: form.get("grant_type"), header: header ? decodePart(header) : {}, claims: claims ? decodePart(claims) : {}, signatureValid });
      if (state.answer === "invalid_grant" || !signatureValid) {
        response.writeHead(400, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: "invalid_grant", error_description: "Invalid JWT Signature." }));
        return;
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ access_token: `ya29.test-token-${exchanges.length}`, expires_in: state.answer.expiresIn, token_type: "Bearer" }));
    });
  });
  await new Promise<void>((resolve) => server.listen({ host: LOOPBACK, port: 0 }, resolve));
  state.url = `http://${LOOPBACK}:${(server.address() as AddressInfo).port}/token`;
  state.stop = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  return state;
}
