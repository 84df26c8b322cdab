// Amazon Bedrock and Google Vertex AI take their credentials from your cloud's usual places; a
// function is called per request, so rotating credentials just work.
import { OpenAI } from "onellm-sdk";

export const client = new OpenAI({
  providers: {
    bedrock: {
      region: "eu-west-1",
      // Any () => Promise<credentials>; with the AWS SDK: credentials: fromNodeProviderChain()
      credentials: async () => ({ accessKeyId: process.env["AWS_ACCESS_KEY_ID"] ?? "", secretAccessKey: process.env["AWS_SECRET_ACCESS_KEY"] ?? "" }),
    },
    vertex: { project: "acme-ml-prod", location: "us-east5" }, // token from GOOGLE_APPLICATION_CREDENTIALS
  },
});

export const request = {
  model: "bedrock/eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
  messages: [{ role: "user" as const, content: "Hello" }],
  fallback_models: ["vertex-anthropic/claude-sonnet-4-5@20250929", "vertex/gemini-2.5-flash", "cohere/command-a-03-2025"],
};
// await client.chat.completions.create(request);
