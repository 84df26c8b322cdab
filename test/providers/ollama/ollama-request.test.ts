import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidRequestError, UnsupportedParameterError } from "../../../src/errors.js";
import type { UnifiedRequest } from "../../../src/providers/contract.js";
import { downloadImages, NO_IMAGES } from "../../../src/providers/ollama/ollama-media.js";
import { buildRequest, mergeProviderOptions } from "../../../src/providers/ollama/ollama-request.js";
import { CallMedia } from "../../../src/core/media-session.js";
import { createTranslateContext } from "../../../src/router/translate-context.js";
import { startReplayServer, type ReplayServer } from "../../helpers/replay-server.js";

/** `providers.ollama.mediaDownload` and a fresh per-call media session, as the router gives prepare(). */
const callMedia = (mediaDownload: object) => ({ settings: { extra: { mediaDownload } }, media: new CallMedia({ signal: undefined, timeoutMs: 30_000, deadline: undefined }) });
const context = (policy: "error" | "drop" = "error") => createTranslateContext("ollama", "qwen3", policy, undefined);
const hi = [{ role: "user" as const, content: "hi" }];

function build(request: Partial<UnifiedRequest>, policy: "error" | "drop" = "error") {
  const translate = context(policy);
  const body = buildRequest({ model: "ollama/qwen3", messages: hi, ...request } as UnifiedRequest, translate, NO_IMAGES);
  return { body, warnings: translate.warnings };
}

describe("Ollama request", () => {
  it("always says whether to stream (Ollama streams by default)", () => {
    expect(build({}).body).toEqual({ model: "qwen3", messages: hi, stream: false });
    expect(build({ stream: true }).body.stream).toBe(true);
  });

  it.each([
    ["none", false],
    ["low", "low"],
    ["medium", "medium"],
    ["high", "high"],
    ["xhigh", "max"],
  ] as const)("reasoning_effort %s -> think %j", (effort, think) => {
    expect(build({ reasoning_effort: effort }).body.think).toBe(think);
  });

  it("refuses a reasoning_effort Ollama has no level for", () => {
    expect(() => build({ reasoning_effort: "minimal" })).toThrow(UnsupportedParameterError);
  });

  it("JSON mode -> format: \"json\"; a JSON schema -> format: <schema>; text -> nothing", () => {
    expect(build({ response_format: { type: "json_object" } }).body.format).toBe("json");
    const schema = { type: "object", properties: { n: { type: "integer" } } };
    expect(build({ response_format: { type: "json_schema", json_schema: { name: "n", schema } } }).body.format).toEqual(schema);
    expect(build({ response_format: { type: "text" } }).body).not.toHaveProperty("format");
  });

  it("sampling parameters and the token limit go in options", () => {
    expect(build({ temperature: 0, top_p: 0.5, seed: 1, stop: "END", max_tokens: 9, presence_penalty: 1, frequency_penalty: -1 }).body.options).toEqual({
      temperature: 0,
      top_p: 0.5,
      seed: 1,
      stop: "END",
      num_predict: 9,
      presence_penalty: 1,
      frequency_penalty: -1,
    });
    expect(() => build({ max_tokens: 9, max_completion_tokens: 10 })).toThrow(InvalidRequestError);
  });

  it("provider_options.ollama is merged last, its options joining the rest", () => {
    const { body } = build({ temperature: 0.2 });
    expect(mergeProviderOptions(body, { keep_alive: -1, options: { num_ctx: 32768 } })).toMatchObject({ keep_alive: -1, options: { temperature: 0.2, num_ctx: 32768 } });
  });

  it("function tools with their parameters (an empty object schema when none)", () => {
    const { body } = build({
      tools: [
        { type: "function", function: { name: "get_time" } },
        { type: "function", function: { name: "get_weather", description: "d", parameters: { type: "object", properties: { city: { type: "string" } } } } },
      ],
    });
    expect(body.tools).toEqual([
      { type: "function", function: { name: "get_time", parameters: { type: "object", properties: {} } } },
      { type: "function", function: { name: "get_weather", description: "d", parameters: { type: "object", properties: { city: { type: "string" } } } } },
    ]);
  });

  it("tool results name their tool; assistant calls carry object arguments and their index; reasoning goes back as thinking", () => {
    const { body } = build({
      messages: [
        ...hi,
        {
          role: "assistant",
          content: null,
          reasoning_content: "Need both.",
          tool_calls: [
            { id: "call_a", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
            { id: "call_b", type: "function", function: { name: "get_time", arguments: "" } },
          ],
        } as UnifiedRequest["messages"][number],
        { role: "tool", tool_call_id: "call_b", content: "12:00" },
        { role: "tool", tool_call_id: "call_a", content: [{ type: "text", text: "sunny" }] },
      ],
    });
    expect(body.messages.slice(1)).toEqual([
      {
        role: "assistant",
        content: "",
        thinking: "Need both.",
        tool_calls: [
          { type: "function", function: { index: 0, name: "get_weather", arguments: { city: "Paris" } } },
          { type: "function", function: { index: 1, name: "get_time", arguments: {} } },
        ],
      },
      { role: "tool", content: "12:00", tool_name: "get_time" },
      { role: "tool", content: "sunny", tool_name: "get_weather" },
    ]);
  });

  it("tool-call arguments that are not a JSON object are an InvalidRequestError naming the field", () => {
    expect(() =>
      build({ messages: [{ role: "assistant", content: null, tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "[1]" } }] }] }),
    ).toThrow("`messages[0].tool_calls[0].function.arguments` must be a JSON object");
  });

  it.each([
    [{ tool_choice: "none" as const, tools: [{ type: "function" as const, function: { name: "f" } }] }, "tool_choice"],
    [{ tool_choice: "required" as const, tools: [{ type: "function" as const, function: { name: "f" } }] }, "tool_choice"],
    [{ parallel_tool_calls: false }, "parallel_tool_calls"],
    [{ logit_bias: { "1": 1 } }, "logit_bias"],
    [{ user: "u" }, "user"],
    [{ service_tier: "auto" as const }, "service_tier"],
    [{ messages: [{ role: "user" as const, name: "ada", content: "hi" }] }, "messages[0].name"],
    [{ messages: [{ role: "user" as const, content: [{ type: "input_audio" as const, input_audio: { data: "UklGRg==", format: "wav" as const } }] }] }, "messages[0].content[0] (input_audio)"],
    [{ messages: [{ role: "user" as const, content: [{ type: "image_url" as const, image_url: { url: "data:image/png;base64,iVBORw0KGgo=", detail: "low" as const } }] }] }, 'messages[0].content[0].image_url.detail: "low"'],
  ])("refuses what Ollama cannot honour: %j", (request, parameter) => {
    let error: unknown;
    try {
      build(request as Partial<UnifiedRequest>);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect((error as UnsupportedParameterError).parameter).toBe(parameter);
    expect(build(request as Partial<UnifiedRequest>, "drop").warnings).toEqual([expect.stringContaining(`\`${parameter}\``)]);
  });

  it("tool_choice auto, parallel_tool_calls true, n 1 and stream_options are not refused (defaults, or honoured)", () => {
    const { warnings } = build(
      { tool_choice: "auto", parallel_tool_calls: true, n: 1, stream: true, stream_options: { include_usage: true }, tools: [{ type: "function", function: { name: "f" } }] },
      "drop",
    );
    expect(warnings).toEqual([]);
  });

  it("images: data URIs as bare base64, text parts joined", () => {
    const { body } = build({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is this?" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
            { type: "text", text: "Be brief." },
          ],
        },
      ],
    });
    expect(body.messages[0]).toEqual({ role: "user", content: "What is this?\nBe brief.", images: ["iVBORw0KGgo="] });
  });

  it('images with detail "high" (the docs\' vision example) are sent whole, with no warning: Ollama always reads the whole image', () => {
    const { body, warnings } = build({
      messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=", detail: "high" } }] }],
    });
    expect(body.messages[0]).toEqual({ role: "user", content: "", images: ["iVBORw0KGgo="] });
    expect(warnings).toEqual([]);
  });
});

describe("Ollama images by URL", () => {
  let server: ReplayServer;
  beforeAll(async () => {
    server = await startReplayServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("are downloaded (with providers.ollama.mediaDownload settings) and sent as base64", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    server.route("/cat.png", { body: png.toString("latin1"), headers: { "content-type": "image/png" } });
    const request = { model: "ollama/llava", messages: [{ role: "user" as const, content: [{ type: "image_url" as const, image_url: { url: `${server.url}/cat.png` } }] }] };
    const images = await downloadImages(request as UnifiedRequest, callMedia({ allowedProtocols: ["http:"], allowPrivateNetwork: true }));
    const body = buildRequest(request as UnifiedRequest, context(), images);
    expect(Buffer.from(body.messages[0]!.images![0]!, "base64")).toEqual(Buffer.from(png.toString("latin1"), "utf8"));
  });

  it("are refused by default on a private address, naming the field", async () => {
    const request = { model: "ollama/llava", messages: [{ role: "user" as const, content: [{ type: "image_url" as const, image_url: { url: "https://127.0.0.1/cat.png" } }] }] };
    await expect(downloadImages(request as UnifiedRequest, callMedia({}))).rejects.toThrow(/Could not inline `messages\[0\]\.content\[0\]\.image_url\.url` for Ollama/);
  });
});
