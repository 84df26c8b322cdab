import { describe, expect, it } from "vitest";
import { InvalidRequestError, UnsupportedParameterError } from "../../../src/errors.js";
import type { TranslateContext, UnifiedRequest, UnsupportedPolicy } from "../../../src/providers/contract.js";
import { toAnthropicRequest } from "../../../src/providers/anthropic/anthropic-request.js";
import { createTranslateContext } from "../../../src/router/translate-context.js";
import type { ChatCompletionContentPart } from "../../../src/types.js";

const MODEL = "claude-sonnet-4-5";
// A 1x1 transparent PNG.
const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
const PDF_BASE64 = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n").toString("base64");

function context(policy: UnsupportedPolicy = "error", logged: string[] = []): TranslateContext {
  return createTranslateContext("anthropic", MODEL, policy, { warn: (message) => logged.push(message) });
}

/** Translates one user message with `parts` and returns its content blocks. */
function userBlocks(parts: ChatCompletionContentPart[], translate: TranslateContext = context()) {
  const request: UnifiedRequest = { model: `anthropic/${MODEL}`, messages: [{ role: "user", content: parts }] };
  const body = toAnthropicRequest(request, translate);
  return body.messages[0]?.content;
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("content parts", () => {
  it("sends an https image as a url source and a data: URI as base64", () => {
    expect(
      userBlocks([
        { type: "text", text: "Compare these." },
        { type: "image_url", image_url: { url: "https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg" } },
        { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_BASE64}`, detail: "auto" } },
      ]),
    ).toEqual([
      { type: "text", text: "Compare these." },
      { type: "image", source: { type: "url", url: "https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg" } },
      { type: "image", source: { type: "base64", media_type: "image/png", data: PNG_BASE64 } },
    ]);
  });

  it("accepts jpeg, gif and webp data URIs (and the common image/jpg spelling)", () => {
    const blocks = userBlocks([
      { type: "image_url", image_url: { url: `data:image/jpg;base64,${PNG_BASE64}` } },
      { type: "image_url", image_url: { url: `data:image/gif;base64,${PNG_BASE64}` } },
      { type: "image_url", image_url: { url: `data:image/webp;base64,${PNG_BASE64}` } },
    ]);
    expect(blocks).toEqual([
      { type: "image", source: { type: "base64", media_type: "image/jpeg", data: PNG_BASE64 } },
      { type: "image", source: { type: "base64", media_type: "image/gif", data: PNG_BASE64 } },
      { type: "image", source: { type: "base64", media_type: "image/webp", data: PNG_BASE64 } },
    ]);
  });

  it("rejects an image media type Anthropic does not take, naming the part", () => {
    const error = thrown(() =>
      userBlocks([
        { type: "text", text: "What is this?" },
        { type: "image_url", image_url: { url: "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" } },
      ]),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).not.toBeInstanceOf(UnsupportedParameterError);
    expect((error as InvalidRequestError).param).toBe("messages[0].content[1].image_url.url");
    expect((error as Error).message).toContain("image/svg+xml");
    expect((error as Error).message).toContain("image/jpeg, image/png, image/gif, image/webp");
  });

  it("rejects a data: URI whose base64 is broken", () => {
    const error = thrown(() => userBlocks([{ type: "image_url", image_url: { url: "data:image/png;base64,@@@" } }]));
    expect((error as InvalidRequestError).param).toBe("messages[0].content[0].image_url.url");
  });

  it("reports image detail other than auto, which Anthropic cannot honour", () => {
    const error = thrown(() => userBlocks([{ type: "image_url", image_url: { url: "https://example.com/a.png", detail: "low" } }]));
    expect((error as UnsupportedParameterError).parameter).toBe("messages[0].content[0].image_url.detail");
  });

  it("sends a PDF file as a document block titled by its file name", () => {
    expect(
      userBlocks([{ type: "file", file: { file_data: `data:application/pdf;base64,${PDF_BASE64}`, filename: "report.pdf" } }]),
    ).toEqual([{ type: "document", source: { type: "base64", media_type: "application/pdf", data: PDF_BASE64 }, title: "report.pdf" }]);
    expect(userBlocks([{ type: "file", file: { file_data: PDF_BASE64, filename: "bare.pdf" } }])).toEqual([
      { type: "document", source: { type: "base64", media_type: "application/pdf", data: PDF_BASE64 }, title: "bare.pdf" },
    ]);
  });

  it("sends a plain-text file as a text document", () => {
    const text = "line one\nline two ✓";
    expect(userBlocks([{ type: "file", file: { file_data: `data:text/plain;base64,${Buffer.from(text).toString("base64")}` } }])).toEqual([
      { type: "document", source: { type: "text", media_type: "text/plain", data: text } },
    ]);
  });

  it("reports files Anthropic cannot read: OpenAI file ids and other media types", () => {
    expect((thrown(() => userBlocks([{ type: "file", file: { file_id: "file-abc123" } }])) as UnsupportedParameterError).parameter).toBe(
      "messages[0].content[0].file.file_id",
    );
    expect(
      (thrown(() => userBlocks([{ type: "file", file: { file_data: "data:application/zip;base64,UEsDBA==" } }])) as UnsupportedParameterError)
        .parameter,
    ).toBe("messages[0].content[0] (file application/zip)");
  });

  it("marks a part with prompt_cache_breakpoint as an Anthropic cache breakpoint", () => {
    expect(
      userBlocks([
        { type: "text", text: "A long shared preamble.", prompt_cache_breakpoint: { mode: "explicit" } },
        { type: "text", text: "The question." },
      ]),
    ).toEqual([
      { type: "text", text: "A long shared preamble.", cache_control: { type: "ephemeral" } },
      { type: "text", text: "The question." },
    ]);
  });

  it("skips empty text parts, which Anthropic rejects", () => {
    expect(userBlocks([{ type: "text", text: "" }, { type: "text", text: "Hi" }])).toEqual([{ type: "text", text: "Hi" }]);
  });

  it("leaves out whitespace-only text, which Anthropic rejects (\"must contain non-whitespace text\")", () => {
    const body = toAnthropicRequest(
      {
        model: `anthropic/${MODEL}`,
        messages: [
          { role: "system", content: "  \n" },
          { role: "user", content: [{ type: "text", text: "Hi" }, { type: "text", text: " " }] },
          { role: "assistant", content: "\n\n", tool_calls: [{ id: "call_1", type: "function", function: { name: "now", arguments: "{}" } }] },
          { role: "tool", tool_call_id: "call_1", content: " " },
          { role: "assistant", content: "\n" },
          { role: "user", content: "Thanks" },
        ],
      },
      context(),
    );
    expect(body).not.toHaveProperty("system");
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Hi" }] },
      { role: "assistant", content: [{ type: "tool_use", id: "call_1", name: "now", input: {} }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "call_1" }, { type: "text", text: "Thanks" }] },
    ]);
  });
});

describe("audio parts under each policy", () => {
  const parts: ChatCompletionContentPart[] = [
    { type: "text", text: "Transcribe this." },
    { type: "input_audio", input_audio: { data: "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=", format: "wav" } },
  ];

  it("error: throws UnsupportedParameterError naming the part", () => {
    const error = thrown(() => userBlocks(parts, context("error")));
    expect(error).toBeInstanceOf(UnsupportedParameterError);
    expect((error as UnsupportedParameterError).parameter).toBe("messages[0].content[1] (input_audio)");
    expect((error as Error).message).toContain('unsupportedParams: "drop"');
  });

  it("warn: leaves the part out, records the warning and logs it", () => {
    const logged: string[] = [];
    const warning = context("warn", logged);
    expect(userBlocks(parts, warning)).toEqual([{ type: "text", text: "Transcribe this." }]);
    expect(warning.warnings).toEqual([
      'anthropic does not support `messages[0].content[1] (input_audio)` (Anthropic models take no audio input); it was not sent (unsupportedParams: "warn").',
    ]);
    expect(logged).toEqual(warning.warnings);
  });

  it("drop: leaves the part out and records the warning without logging", () => {
    const logged: string[] = [];
    const dropping = context("drop", logged);
    expect(userBlocks(parts, dropping)).toEqual([{ type: "text", text: "Transcribe this." }]);
    expect(dropping.warnings).toHaveLength(1);
    expect(dropping.warnings[0]).toContain("messages[0].content[1] (input_audio)");
    expect(logged).toEqual([]);
  });

  it("audio_url parts (accepted by validation, unknown to Anthropic) follow the same policy", () => {
    const audioUrl = { type: "audio_url", audio_url: { url: "https://example.com/a.mp3" } } as unknown as ChatCompletionContentPart;
    const error = thrown(() => userBlocks([{ type: "text", text: "Listen" }, audioUrl]));
    expect((error as UnsupportedParameterError).parameter).toBe("messages[0].content[1] (audio_url)");
    const dropping = context("drop");
    expect(userBlocks([{ type: "text", text: "Listen" }, audioUrl], dropping)).toEqual([{ type: "text", text: "Listen" }]);
    expect(dropping.warnings).toHaveLength(1);
  });
});
