import { describe, expect, it } from "vitest";
import { InvalidRequestError, UnsupportedParameterError } from "../../../src/errors.js";
import type { InlineMedia } from "../../../src/providers/gemini/gemini-media.js";
import { convertMessages } from "../../../src/providers/gemini/gemini-messages.js";
import { toolCallId } from "../../../src/providers/gemini/gemini-function-calls.js";
import type { ChatCompletionMessageParam } from "../../../src/types.js";
import { makeContext, PNG_BASE64, WAV_BASE64 } from "../../fixtures/gemini/fixtures.js";

const NO_MEDIA = new Map<string, InlineMedia>();

function convert(messages: ChatCompletionMessageParam[], media: ReadonlyMap<string, InlineMedia> = NO_MEDIA, context = makeContext()) {
  return convertMessages(messages, context, media);
}

describe("convertMessages", () => {
  it("puts every system and developer message, in order, into systemInstruction", () => {
    expect(
      convert([
        { role: "system", content: "You are a pirate." },
        { role: "developer", content: [{ type: "text", text: "Be brief." }, { type: "text", text: "No emoji." }] },
        { role: "user", content: "Hi" },
      ]),
    ).toEqual({
      systemInstruction: { parts: [{ text: "You are a pirate." }, { text: "Be brief." }, { text: "No emoji." }] },
      contents: [{ role: "user", parts: [{ text: "Hi" }] }],
      imageDetail: [],
    });
  });

  it("warns when a system message comes after the conversation started", () => {
    const context = makeContext();
    const result = convert([{ role: "user", content: "Hi" }, { role: "system", content: "Late rule." }], NO_MEDIA, context);
    expect(result.systemInstruction).toEqual({ parts: [{ text: "Late rule." }] });
    expect(context.warnings).toEqual([
      "google: messages[1] (system) comes after the conversation started; Gemini has one system instruction, so it was moved there with the others.",
    ]);
  });

  it("maps assistant to model and merges consecutive turns of one role", () => {
    expect(
      convert([
        { role: "user", content: "One" },
        { role: "user", content: [{ type: "text", text: "Two" }] },
        { role: "assistant", content: "Three" },
        { role: "assistant", content: [{ type: "text", text: "Four" }] },
        { role: "user", content: "Five" },
      ]).contents,
    ).toEqual([
      { role: "user", parts: [{ text: "One" }, { text: "Two" }] },
      { role: "model", parts: [{ text: "Three" }, { text: "Four" }] },
      { role: "user", parts: [{ text: "Five" }] },
    ]);
  });

  it("turns tool calls into functionCall parts and tool results into functionResponse parts named by the call", () => {
    const result = convert([
      { role: "user", content: "Weather in Paris and London?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_a", type: "function", function: { name: "get_weather", arguments: '{"location":"Paris"}' } },
          { id: "call_b", type: "function", function: { name: "get_time", arguments: "" } },
        ],
      },
      { role: "tool", tool_call_id: "call_b", content: "12:00" },
      { role: "tool", tool_call_id: "call_a", content: '{"temperature":21,"unit":"celsius"}' },
      { role: "user", content: "Thanks" },
    ]);
    expect(result.contents).toEqual([
      { role: "user", parts: [{ text: "Weather in Paris and London?" }] },
      {
        role: "model",
        parts: [
          { functionCall: { name: "get_weather", args: { location: "Paris" }, id: "call_a" } },
          { functionCall: { name: "get_time", args: {}, id: "call_b" } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_time", response: { output: "12:00" }, id: "call_b" } },
          { functionResponse: { name: "get_weather", response: { temperature: 21, unit: "celsius" }, id: "call_a" } },
          { text: "Thanks" },
        ],
      },
    ]);
  });

  it("sends the thought signature from extra_content back on the functionCall part, and keeps ids short", () => {
    const id = toolCallId("resp", 0, 0, undefined);
    const result = convert([
      { role: "user", content: "Weather?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id, type: "function", function: { name: "get_weather", arguments: "{}" }, extra_content: { google: { thought_signature: "c2lnbmF0dXJlKy8/Pw==" } } }],
      },
      { role: "tool", tool_call_id: id, content: "sunny" },
    ]);
    expect(id.length).toBeLessThanOrEqual(40);
    expect(result.contents[1]).toEqual({
      role: "model",
      parts: [{ functionCall: { name: "get_weather", args: {} }, thoughtSignature: "c2lnbmF0dXJlKy8/Pw==" }],
    });
    expect(result.contents[2]).toEqual({ role: "user", parts: [{ functionResponse: { name: "get_weather", response: { output: "sunny" } } }] });
  });

  it("replays its own reasoning_details (signed thoughts first, text signatures on the answer) and ignores other producers'", () => {
    const result = convert([
      { role: "user", content: "Sum?" },
      {
        role: "assistant",
        content: "17 + 25 = 42.",
        reasoning_details: [
          { type: "reasoning.text", text: "Adding.", signature: "dGhvdWdodA==", format: "google-gemini-v1", index: 0 },
          { type: "reasoning.text", text: "", signature: "dGV4dA==", format: "google-gemini-v1", index: 1 },
          { type: "reasoning.text", text: "Claude thought", signature: "EqQBCkYIAxgCIkB", format: "anthropic-claude-v1", index: 2 },
          { type: "reasoning.encrypted", data: "EmwKAhgBEgy", format: "anthropic-claude-v1" },
        ],
      },
      { role: "user", content: "Thanks" },
    ]);
    expect(result.contents[1]).toEqual({
      role: "model",
      parts: [{ text: "Adding.", thought: true, thoughtSignature: "dGhvdWdodA==" }, { text: "17 + 25 = 42.", thoughtSignature: "dGV4dA==" }],
    });
  });

  it("echoes Gemini's own function-call id on the call and its result, and never sends an id onellm made up", () => {
    // Gemini 3 sends functionCall.id and matches each functionResponse to its call by that id.
    const signature = "EqsGCqgGARFNMg/oroYnrVkd+A==";
    const issued = toolCallId("resp", 0, 0, "g1bmv6il");
    const generated = toolCallId("resp", 0, 1, undefined);
    const result = convert([
      { role: "user", content: "Paris and Rome?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: issued, type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' }, extra_content: { google: { thought_signature: signature } } },
          { id: generated, type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: "tool", tool_call_id: issued, content: "sunny" },
      { role: "tool", tool_call_id: generated, content: "rain" },
    ]);
    expect(result.contents.slice(1)).toEqual([
      {
        role: "model",
        parts: [
          { functionCall: { name: "get_weather", args: { city: "Paris" }, id: "g1bmv6il" }, thoughtSignature: signature },
          { functionCall: { name: "get_weather", args: { city: "Rome" } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", response: { output: "sunny" }, id: "g1bmv6il" } },
          { functionResponse: { name: "get_weather", response: { output: "rain" } } },
        ],
      },
    ]);
  });

  it("gives an unsigned first function call of a turn Google's skip-validator signature on Gemini 3 only", () => {
    // A conversation whose tool calls came from another provider (a fallback) has no signatures;
    // Gemini 3 answers 400 to that unless the first call of each turn carries the documented bypass.
    const history: ChatCompletionMessageParam[] = [
      { role: "user", content: "Paris and Rome?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "toolu_01", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          { id: "toolu_02", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: "tool", tool_call_id: "toolu_01", content: "sunny" },
      { role: "tool", tool_call_id: "toolu_02", content: "rain" },
    ];
    const gemini3 = makeContext("error", "gemini-3-flash-preview");
    const parts = convert(history, NO_MEDIA, gemini3).contents[1]?.parts;
    expect(parts).toEqual([
      { functionCall: { name: "get_weather", args: { city: "Paris" }, id: "toolu_01" }, thoughtSignature: "skip/thought/signature/validator" },
      { functionCall: { name: "get_weather", args: { city: "Rome" }, id: "toolu_02" } },
    ]);
    // The base64 spelling decodes to exactly the bytes of Google's documented sentinel.
    expect(Buffer.from(parts?.[0]?.thoughtSignature ?? "", "base64")).toEqual(Buffer.from("skip_thought_signature_validator", "base64url"));
    expect(gemini3.warnings).toEqual([
      "google: messages[1].tool_calls[0] has no Gemini thought signature in extra_content.google.thought_signature (it was not made by Gemini 3, or it was removed); sent Gemini's documented skip_thought_signature_validator so the request is accepted, at some cost to reasoning quality.",
    ]);
    for (const model of ["gemini-2.5-flash", "gemini-2.0-flash"]) {
      const older = makeContext("error", model);
      expect(convert(history, NO_MEDIA, older).contents[1]?.parts?.every((part) => part.thoughtSignature === undefined)).toBe(true);
      expect(older.warnings).toEqual([]);
    }
    // The deprecated function_call shape gets the same bypass.
    const legacy = convert([history[0] as ChatCompletionMessageParam, { role: "assistant", content: null, function_call: { name: "get_weather", arguments: "{}" } }], NO_MEDIA, makeContext("error", "gemini-3-pro-preview"));
    expect(legacy.contents[1]?.parts).toEqual([{ functionCall: { name: "get_weather", args: {} }, thoughtSignature: "skip/thought/signature/validator" }]);
    // A real signature is kept as is and needs no bypass.
    const signed = toolCallId("resp", 0, 0, undefined);
    const own = makeContext("error", "models/gemini-3.1-pro-preview");
    const call = { id: signed, type: "function" as const, function: { name: "get_weather", arguments: "{}" }, extra_content: { google: { thought_signature: "c2lnbmF0dXJl" } } };
    const result = convert([history[0] as ChatCompletionMessageParam, { role: "assistant", content: null, tool_calls: [call] }], NO_MEDIA, own);
    expect(result.contents[1]?.parts).toEqual([{ functionCall: { name: "get_weather", args: {} }, thoughtSignature: "c2lnbmF0dXJl" }]);
    expect(own.warnings).toEqual([]);
  });

  it("rejects a tool result whose id matches no earlier tool call, naming the message", () => {
    const act = () =>
      convert([
        { role: "user", content: "Hi" },
        { role: "tool", tool_call_id: "call_missing", content: "x" },
      ]);
    expect(act).toThrow(InvalidRequestError);
    expect(act).toThrow(/messages\[1\]\.tool_call_id.*"call_missing"/);
  });

  it("rejects tool-call arguments that are not a JSON object, naming the field", () => {
    const broken = (args: string) => () =>
      convert([{ role: "assistant", content: null, tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: args } }] }]);
    expect(broken("{not json")).toThrow(/messages\[0\]\.tool_calls\[0\]\.function\.arguments.*not valid JSON/);
    expect(broken("[1,2]")).toThrow(/messages\[0\]\.tool_calls\[0\]\.function\.arguments.*got an array/);
    try {
      broken("{")();
    } catch (error) {
      expect((error as InvalidRequestError).param).toBe("messages[0].tool_calls[0].function.arguments");
    }
  });

  it("inlines image and audio data URIs, input_audio, downloaded URLs and files", () => {
    const media = new Map<string, InlineMedia>([
      ["https://example.com/cat.png", { mimeType: "image/png", data: PNG_BASE64 }],
      ["https://example.com/hello.mp3", { mimeType: "audio/mpeg", data: "SUQzBAAAAAAA" }],
    ]);
    const content = [
      { type: "text", text: "Describe these." },
      { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
      { type: "image_url", image_url: { url: "https://example.com/cat.png", detail: "low" } },
      { type: "input_audio", input_audio: { data: WAV_BASE64, format: "wav" } },
      { type: "input_audio", input_audio: { data: "SUQzBAAAAAAA", format: "mp3" } },
      { type: "audio_url", audio_url: { url: "https://example.com/hello.mp3" } },
      { type: "audio_url", audio_url: { url: `data:audio/wav;base64,${WAV_BASE64}` } },
      { type: "file", file: { file_data: "data:application/pdf;base64,JVBERi0xLjQK", filename: "a.pdf" } },
      { type: "file", file: { file_data: "JVBERi0xLjQK" } },
      { type: "file", file: { file_id: "files/abc-123", filename: "report.pdf" } },
    ] as unknown as Extract<ChatCompletionMessageParam, { role: "user" }>["content"];
    const converted = convert([{ role: "user", content }], media);
    // Before Gemini 3 a part cannot carry its own resolution (400); the level goes to the request instead.
    expect(converted.imageDetail).toEqual(["MEDIA_RESOLUTION_LOW"]);
    expect(converted.contents).toEqual([
      {
        role: "user",
        parts: [
          { text: "Describe these." },
          { inlineData: { mimeType: "image/png", data: PNG_BASE64 } },
          { inlineData: { mimeType: "image/png", data: PNG_BASE64 } },
          { inlineData: { mimeType: "audio/wav", data: WAV_BASE64 } },
          { inlineData: { mimeType: "audio/mpeg", data: "SUQzBAAAAAAA" } },
          { inlineData: { mimeType: "audio/mpeg", data: "SUQzBAAAAAAA" } },
          { inlineData: { mimeType: "audio/wav", data: WAV_BASE64 } },
          { inlineData: { mimeType: "application/pdf", data: "JVBERi0xLjQK" } },
          { inlineData: { mimeType: "application/pdf", data: "JVBERi0xLjQK" } },
          { fileData: { fileUri: "https://generativelanguage.googleapis.com/v1beta/files/abc-123", mimeType: "application/pdf" } },
        ],
      },
    ]);
  });

  it("sets image detail per part on Gemini 3, which supports it", () => {
    const content = [
      { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_BASE64}`, detail: "high" } },
      { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_BASE64}`, detail: "low" } },
      { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_BASE64}`, detail: "auto" } },
    ] as unknown as Extract<ChatCompletionMessageParam, { role: "user" }>["content"];
    const converted = convert([{ role: "user", content }], NO_MEDIA, makeContext("error", "gemini-3-pro-preview"));
    expect(converted.imageDetail).toEqual([]);
    expect(converted.contents[0]?.parts).toEqual([
      { inlineData: { mimeType: "image/png", data: PNG_BASE64 }, mediaResolution: { level: "MEDIA_RESOLUTION_HIGH" } },
      { inlineData: { mimeType: "image/png", data: PNG_BASE64 }, mediaResolution: { level: "MEDIA_RESOLUTION_LOW" } },
      { inlineData: { mimeType: "image/png", data: PNG_BASE64 } },
    ]);
  });

  it("rejects a malformed data URI and a file of unknown type, naming the field", () => {
    expect(() => convert([{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,@@@" } }] }])).toThrow(
      /messages\[0\]\.content\[0\]\.image_url\.url/,
    );
    expect(() => convert([{ role: "user", content: [{ type: "file", file: { file_data: "AAECAw==" } }] }])).toThrow(
      /messages\[0\]\.content\[0\]\.file\.file_data.*cannot tell the file's media type/,
    );
  });

  it("reports message names through the unsupported policy", () => {
    expect(() => convert([{ role: "user", content: "Hi", name: "alice" }])).toThrow(UnsupportedParameterError);
    const context = makeContext("drop");
    expect(convert([{ role: "user", content: "Hi", name: "alice" }], NO_MEDIA, context).contents).toEqual([{ role: "user", parts: [{ text: "Hi" }] }]);
    expect(context.warnings).toEqual([
      'google does not support `messages[].name` (messages[0].name; Gemini has no per-message author names); it was not sent (unsupportedParams: "drop").',
    ]);
  });

  it("maps the deprecated function_call and function messages", () => {
    expect(
      convert([
        { role: "assistant", content: null, function_call: { name: "lookup", arguments: '{"q":"x"}' } },
        { role: "function", name: "lookup", content: "[1,2]" },
      ]).contents,
    ).toEqual([
      { role: "model", parts: [{ functionCall: { name: "lookup", args: { q: "x" } } }] },
      { role: "user", parts: [{ functionResponse: { name: "lookup", response: { output: [1, 2] } } }] },
    ]);
  });

  it("rejects a conversation with nothing but system instructions", () => {
    expect(() => convert([{ role: "system", content: "Rules." }])).toThrow(/Gemini needs at least one non-empty user, assistant or tool message/);
  });

  it("reports prompt_cache_breakpoint on any text part through the policy", () => {
    const system: ChatCompletionMessageParam = { role: "system", content: [{ type: "text", text: "Rules.", prompt_cache_breakpoint: { mode: "explicit" } }] };
    expect(() => convert([system, { role: "user", content: "Hi" }])).toThrow(/`prompt_cache_breakpoint` \(messages\[0\]\.content\[0\]\.prompt_cache_breakpoint/);
    const context = makeContext("drop");
    expect(convert([system, { role: "user", content: "Hi" }], NO_MEDIA, context).systemInstruction).toEqual({ parts: [{ text: "Rules." }] });
    expect(context.warnings).toHaveLength(1);
  });

  it("drops empty text instead of sending empty parts", () => {
    expect(convert([{ role: "user", content: "Hi" }, { role: "assistant", content: "" }, { role: "user", content: "Again" }]).contents).toEqual([
      { role: "user", parts: [{ text: "Hi" }, { text: "Again" }] },
    ]);
  });
});
