// SigV4 against AWS's own documented examples, and the order in which Bedrock credentials are chosen.
import { describe, expect, it } from "vitest";
import { resolveAuth, signRequest, type AwsCredentials } from "../../../src/providers/bedrock/bedrock-auth.js";
import type { ProviderSettings } from "../../../src/providers/contract.js";
import { AuthenticationError, InvalidRequestError } from "../../../src/errors.js";

/** The example credentials AWS's Signature Version 4 documentation signs with. */
const EXAMPLE: AwsCredentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

describe("signRequest (SigV4 through aws4fetch)", () => {
  it("reproduces the signature AWS documents for its IAM ListUsers example", async () => {
    // AWS General Reference, "Signature Version 4 signing process" example: GET iam ListUsers at
    // 20150830T123600Z in us-east-1, with content-type, host and x-amz-date signed.
    const headers = await signRequest(
      {
        url: "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
        method: "GET",
        headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
        body: undefined,
      },
      EXAMPLE,
      "us-east-1",
      "iam",
      { datetime: "20150830T123600Z", allHeaders: true },
    );
    expect(headers.get("x-amz-date")).toBe("20150830T123600Z");
    expect(headers.get("authorization")).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
    );
  });

  it("reproduces the get-vanilla case of AWS's SigV4 test suite", async () => {
    const headers = await signRequest({ url: "https://example.amazonaws.com/", method: "GET", headers: {}, body: undefined }, EXAMPLE, "us-east-1", "service", {
      datetime: "20150830T123600Z",
    });
    expect(headers.get("authorization")).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
  });

  it("adds the session token of temporary credentials as X-Amz-Security-Token, signed", async () => {
    const headers = await signRequest(
      { url: "https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.nova-lite-v1%3A0/converse", method: "POST", headers: { "content-type": "application/json" }, body: "{}" },
      { ...EXAMPLE, sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN" },
      "us-east-1",
      "bedrock",
      { datetime: "20250601T120000Z" },
    );
    expect(headers.get("x-amz-security-token")).toBe("FQoGZXIvYXdzEXAMPLETOKEN");
    expect(headers.get("authorization")).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20250601\/us-east-1\/bedrock\/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
  });
});

function settings(extra: Record<string, unknown>, env: Record<string, string>, apiKey?: string): ProviderSettings {
  return { apiKey, baseURL: "https://bedrock-runtime.eu-west-1.amazonaws.com", headers: {}, extra, env };
}

describe("resolveAuth: which credentials Bedrock uses", () => {
  const keys = { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "env-secret", AWS_REGION: "us-west-2" };

  it("takes providers.bedrock.apiKey as a bearer token over everything", () => {
    expect(resolveAuth(settings({ credentials: EXAMPLE }, { ...keys, AWS_BEARER_TOKEN_BEDROCK: "env-bearer" }, "config-bearer"))).toEqual({ kind: "bearer", token: "config-bearer" });
  });

  it("takes configured credentials (an object or a provider function) over the environment", () => {
    expect(resolveAuth(settings({ credentials: EXAMPLE, region: "ap-south-1" }, { ...keys, AWS_BEARER_TOKEN_BEDROCK: "env-bearer" }))).toEqual({ kind: "sigv4", credentials: EXAMPLE, region: "ap-south-1" });
    const provider = () => Promise.resolve(EXAMPLE);
    expect(resolveAuth(settings({ credentials: provider }, keys))).toEqual({ kind: "sigv4", credentials: provider, region: "us-west-2" });
  });

  it("then AWS_BEARER_TOKEN_BEDROCK, then the AWS key variables (with AWS_SESSION_TOKEN)", () => {
    expect(resolveAuth(settings({}, { ...keys, AWS_BEARER_TOKEN_BEDROCK: "env-bearer" }))).toEqual({ kind: "bearer", token: "env-bearer" });
    expect(resolveAuth(settings({}, { ...keys, AWS_SESSION_TOKEN: "tok" }))).toEqual({
      kind: "sigv4",
      credentials: { accessKeyId: "AKIDENV", secretAccessKey: "env-secret", sessionToken: "tok" },
      region: "us-west-2",
    });
  });

  it("signs for the region of a standard endpoint when no region is configured", () => {
    expect(resolveAuth(settings({}, { AWS_ACCESS_KEY_ID: "A", AWS_SECRET_ACCESS_KEY: "B" }))).toMatchObject({ kind: "sigv4", region: "eu-west-1" });
  });

  it("is an AuthenticationError naming every way in when nothing is configured", () => {
    const act = () => resolveAuth(settings({}, {}));
    expect(act).toThrow(AuthenticationError);
    expect(act).toThrow(/AWS_BEARER_TOKEN_BEDROCK.*AWS_ACCESS_KEY_ID.*providers\.bedrock\.credentials/);
  });

  it("refuses malformed credentials and regions with the option's name", () => {
    expect(() => resolveAuth(settings({ credentials: { accessKeyId: "A" } }, {}))).toThrow(InvalidRequestError);
    expect(() => resolveAuth(settings({ credentials: EXAMPLE, region: "us-east-1/../x" }, {}))).toThrow(/Invalid Bedrock region/);
  });
});
