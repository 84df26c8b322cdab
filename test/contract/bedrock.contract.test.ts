// Contract: what the Bedrock translator sends must satisfy spec/providers/bedrock.yaml, converted
// by spec:sync from AWS's own Smithy model (structures closed, unions exactly one member, the model
// id pattern on the path). Prism validates each signed request and answers 4xx to one that breaks it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { OpenAI } from "../../src/client.js";
import { BadRequestError } from "../../src/errors.js";
import type { ChatCompletionCreateParamsNonStreaming } from "../../src/types.js";
import { encodeRecording } from "../helpers/event-stream-encoder.js";
import { prismUrl } from "../helpers/prism-urls.js";

type FetchImpl = (request: Request) => Promise<Response>;
const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

function client(fetchImpl?: FetchImpl): OpenAI {
  return new OpenAI({
    providers: { bedrock: { credentials: CREDENTIALS, region: "us-east-1", baseURL: prismUrl("bedrock") } },
    env: {},
    maxRetries: 0,
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
  });
}

/** Rewrites the JSON body on its way to Prism, as a translator bug would (the signature no longer matters to Prism). */
function corrupting(edit: (body: Record<string, unknown>) => void): FetchImpl {
  return async (request) => {
    const body = (await request.json()) as Record<string, unknown>;
    edit(body);
    return fetch(new Request(request.url, { method: request.method, headers: request.headers, body: JSON.stringify(body), redirect: "manual" }));
  };
}

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/** A request that exercises every field the Bedrock translator maps. */
const everything: ChatCompletionCreateParamsNonStreaming = {
  model: "bedrock/us.anthropic.claude-3-7-sonnet-20250219-v1:0",
  messages: [
    { role: "system", content: [{ type: "text", text: "You are a careful travel assistant.", prompt_cache_breakpoint: {} } as never] },
    { role: "developer", content: "Answer briefly." },
    {
      role: "user",
      content: [
        { type: "text", text: "Here is a photo and my itinerary. What's the weather?" },
        { type: "image_url", image_url: { url: `data:image/png;base64,${PNG}` } },
        { type: "file", file: { file_data: "data:application/pdf;base64,JVBERi0xLjQK", filename: "itinerary.pdf" } },
      ],
    },
    {
      role: "assistant",
      content: "Let me check the weather in Paris.",
      tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
      reasoning_details: [{ type: "reasoning.text", text: "The user wants weather.", signature: "EqQBCgIYAhIM", format: "amazon-bedrock-v1" }],
    } as never,
    { role: "tool", tool_call_id: "call_1", content: '{"high":21}' },
    { role: "user", content: "Summarise it." },
  ],
  tools: [{ type: "function", function: { name: "get_weather", description: "Forecast", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }],
  tool_choice: { type: "function", function: { name: "get_weather" } },
  temperature: 0.4,
  top_p: 0.9,
  max_completion_tokens: 256,
  stop: ["END"],
  metadata: { team: "travel" },
};

describe("Bedrock contract (Prism on spec/providers/bedrock.yaml, from AWS's Smithy model)", () => {
  it("accepts a signed Converse request using every mapped field and returns a parsed ChatCompletion", async () => {
    const completion = await client().chat.completions.create({
      ...everything,
      provider_options: { bedrock: { guardrailConfig: { guardrailIdentifier: "gr4xmpl3", guardrailVersion: "1" }, additionalModelRequestFields: { top_k: 50 } } },
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices).toHaveLength(1);
    expect(completion.onellm?.provider).toBe("bedrock");
  });

  it("accepts a response_format request (the forced JSON tool) with an inference-profile ARN as the model id", async () => {
    const completion = await client().chat.completions.create({
      model: "bedrock/arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0",
      messages: [{ role: "user", content: "A scientist as JSON" }],
      response_format: { type: "json_schema", json_schema: { name: "scientist", schema: { type: "object", properties: { name: { type: "string" } } } } },
    });
    expect(completion.object).toBe("chat.completion");
  });

  it("accepts the ConverseStream request (Prism cannot stream: a 200 is replaced by a recorded event stream)", async () => {
    const statuses: number[] = [];
    const recording = encodeRecording(readFileSync(fileURLToPath(new URL("../fixtures/bedrock/text.events.jsonl", import.meta.url)), "utf8"));
    const replaceBody: FetchImpl = async (request) => {
      const response = await fetch(request);
      statuses.push(response.status);
      if (response.status !== 200) return response;
      await response.body?.cancel();
      return new Response(new Uint8Array(recording), { status: 200, headers: { "content-type": "application/vnd.amazon.eventstream" } });
    };
    const stream = await client(replaceBody).chat.completions.create({ ...everything, stream: true });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(statuses).toEqual([200]);
    expect(text).toBe("Paris is the capital of France.");
  });

  // The model declares ValidationException as its 400, so Prism answers a broken request with that
  // 400 (what Bedrock itself does) and lists the violation in its sl-violations header.
  async function violation(act: Promise<unknown>): Promise<string> {
    const error = await act.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    return (error as BadRequestError).headers?.get("sl-violations") ?? "";
  }

  it("gets the model's 400 for a body that breaks it (a translator bug would look like this)", async () => {
    const act = client(corrupting((body) => (body["messages"] = [{ role: "user", content: [{ text: "hi", image: {} }] }]))).chat.completions.create({
      model: "bedrock/amazon.nova-lite-v1:0",
      messages: [{ role: "user", content: "Hi" }],
    });
    expect(await violation(act)).toMatch(/messages/);
  });

  it("gets a 400 for a field the model does not have (structures are closed)", async () => {
    const act = client(corrupting((body) => (body["inferenceConfig"] = { maxTokens: 5, top_k: 3 }))).chat.completions.create({
      model: "bedrock/amazon.nova-lite-v1:0",
      messages: [{ role: "user", content: "Hi" }],
    });
    expect(await violation(act)).toMatch(/inferenceConfig.*additional properties|additional properties.*inferenceConfig/i);
  });
});
