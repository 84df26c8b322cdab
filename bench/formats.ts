// The three wire formats the bench speaks (OpenAI chat completions, Anthropic Messages, Gemini
// generateContent): what a client sends, and what the mock server answers. Shapes follow the
// recorded fixtures in test/fixtures/<provider>/, so every client parses what a real provider sends.

export type Format = "openai" | "anthropic" | "gemini";
export const FORMATS: readonly Format[] = ["openai", "anthropic", "gemini"];

export const API_KEY = "sk-bench-0000000000000000";
export const PROMPT = "Say hello.";
/** The assistant text of every non-streamed answer; clients check they got exactly this. */
export const COMPLETION_TEXT = "Hello! How can I help you today?";

/**
 * A stream's shape travels to the server in the model name, so every client (whatever URL or body
 * layout its format uses) asks for it the same way: `bench-<chunks>` answers at once,
 * `bench-<chunks>-p<pauseMs>x<eventsPerWrite>` writes that many events, then pauses.
 */
export interface StreamShape {
  chunks: number;
  pauseMs: number;
  eventsPerWrite: number;
}

export function modelFor(shape: StreamShape): string {
  return shape.pauseMs > 0 ? `bench-${shape.chunks}-p${shape.pauseMs}x${shape.eventsPerWrite}` : `bench-${shape.chunks}`;
}

export function parseModel(model: string): StreamShape {
  const match = /^bench-(\d+)(?:-p(\d+)x(\d+))?$/.exec(model);
  if (!match) throw new Error(`bench model "${model}" is not bench-<chunks>[-p<pauseMs>x<eventsPerWrite>]`);
  return {
    chunks: Number(match[1]),
    pauseMs: match[2] === undefined ? 0 : Number(match[2]),
    eventsPerWrite: match[3] === undefined ? 0 : Number(match[3]),
  };
}

/** The text of content chunk `index`: it repeats every CYCLE chunks, so the server can reuse bytes. */
export const CYCLE = 1000;
export function chunkText(index: number): string {
  return ` tok${index % CYCLE}`;
}

/** Sum of the text lengths of chunks 0..chunks-1: what a client must have read at the end. */
export function expectedTextLength(chunks: number): number {
  let total = 0;
  const fullCycles = Math.floor(chunks / CYCLE);
  if (fullCycles > 0) {
    let cycle = 0;
    for (let index = 0; index < CYCLE; index++) cycle += chunkText(index).length;
    total += cycle * fullCycles;
  }
  for (let index = fullCycles * CYCLE; index < chunks; index++) total += chunkText(index).length;
  return total;
}

// ---- requests (what the floor and fetch clients send; onellm and `openai` build their own) ----

export interface WireRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export function wireRequest(format: Format, model: string, stream: boolean): WireRequest {
  switch (format) {
    case "openai":
      return {
        path: "/v1/chat/completions",
        headers: { "content-type": "application/json", accept: stream ? "text/event-stream" : "application/json", authorization: `Bearer ${API_KEY}` },
        body: JSON.stringify({ model, messages: [{ role: "user", content: PROMPT }], ...(stream ? { stream: true } : {}) }),
      };
    case "anthropic":
      return {
        path: "/v1/messages",
        headers: { "content-type": "application/json", accept: "application/json", "x-api-key": API_KEY, "anthropic-version": "2023-06-01" },
        body: JSON.stringify({ model, max_tokens: 4096, messages: [{ role: "user", content: PROMPT }], ...(stream ? { stream: true } : {}) }),
      };
    case "gemini":
      return {
        path: `/v1beta/models/${model}:${stream ? "streamGenerateContent?alt=sse" : "generateContent"}`,
        headers: { "content-type": "application/json", accept: "application/json", "x-goog-api-key": API_KEY },
        body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: PROMPT }] }] }),
      };
    default: {
      const exhaustive: never = format;
      throw new Error(`unknown format ${String(exhaustive)}`);
    }
  }
}

// ---- answers ----

export function completionBody(format: Format, model: string): string {
  switch (format) {
    case "openai":
      return JSON.stringify({
        id: "chatcmpl-BqX3c9Yk2mZf8Lw1nD0pQe7RtUvA",
        object: "chat.completion",
        created: 1764254400,
        model,
        choices: [{ index: 0, message: { role: "assistant", content: COMPLETION_TEXT, refusal: null, annotations: [] }, logprobs: null, finish_reason: "stop" }],
        usage: {
          prompt_tokens: 9,
          completion_tokens: 9,
          total_tokens: 18,
          prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
        },
        service_tier: "default",
        system_fingerprint: "fp_560af6e559",
      });
    case "anthropic":
      return JSON.stringify({
        id: "msg_01XFDUDYJgAACzvnptvVoYEL",
        type: "message",
        role: "assistant",
        model,
        content: [{ type: "text", text: COMPLETION_TEXT, citations: null }],
        stop_reason: "end_turn",
        stop_sequence: null,
        usage: {
          input_tokens: 21,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
          output_tokens: 9,
          service_tier: "standard",
        },
      });
    case "gemini":
      return JSON.stringify({
        candidates: [{ content: { parts: [{ text: COMPLETION_TEXT }], role: "model" }, finishReason: "STOP", index: 0 }],
        usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 9, totalTokenCount: 13, promptTokensDetails: [{ modality: "TEXT", tokenCount: 4 }] },
        modelVersion: model,
        responseId: "nLnYaPfhJ8qz1MkP5reYgQg",
      });
    default: {
      const exhaustive: never = format;
      throw new Error(`unknown format ${String(exhaustive)}`);
    }
  }
}

/** A stream as SSE text: events before the content, one event per content chunk, events after. */
export interface StreamEvents {
  head: string[];
  content: (index: number) => string;
  tail: (chunks: number) => string[];
}

export function streamEvents(format: Format, model: string): StreamEvents {
  switch (format) {
    case "openai": {
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({
          id: "chatcmpl-BqX6c3Vz1eXd5Po7mJ4uNy0SrTaG",
          object: "chat.completion.chunk",
          created: 1764254580,
          model,
          service_tier: "default",
          system_fingerprint: "fp_560af6e559",
          choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
          usage: null,
        })}\n\n`;
      return {
        head: [chunk({ role: "assistant", content: "", refusal: null }, null)],
        content: (index) => chunk({ content: chunkText(index) }, null),
        tail: () => [chunk({}, "stop"), "data: [DONE]\n\n"],
      };
    }
    case "anthropic": {
      const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
      return {
        head: [
          event("message_start", {
            message: {
              id: "msg_01HCDu5LRGeP2o7s2xGmxyx8",
              type: "message",
              role: "assistant",
              model,
              content: [],
              stop_reason: null,
              stop_sequence: null,
              usage: { input_tokens: 21, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1, service_tier: "standard" },
            },
          }),
          event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
          event("ping", {}),
        ],
        content: (index) => event("content_block_delta", { index: 0, delta: { type: "text_delta", text: chunkText(index) } }),
        tail: (chunks) => [
          event("content_block_stop", { index: 0 }),
          event("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: chunks } }),
          event("message_stop", {}),
        ],
      };
    }
    case "gemini": {
      const response = (text: string, finish: boolean, chunks: number) =>
        `data: ${JSON.stringify({
          candidates: [{ content: { parts: [{ text }], role: "model" }, ...(finish ? { finishReason: "STOP" } : {}), index: 0 }],
          usageMetadata: {
            promptTokenCount: 8,
            ...(finish ? { candidatesTokenCount: chunks } : {}),
            totalTokenCount: 8 + chunks,
            promptTokensDetails: [{ modality: "TEXT", tokenCount: 8 }],
          },
          modelVersion: model,
          responseId: "7b3ZaK6VLey51MkP4rGSoQs",
        })}\n\n`;
      // As in test/fixtures/gemini/*.sse; the last event often carries only the finish reason.
      return {
        head: [],
        content: (index) => response(chunkText(index), false, index + 1),
        tail: (chunks) => [response("", true, chunks)],
      };
    }
    default: {
      const exhaustive: never = format;
      throw new Error(`unknown format ${String(exhaustive)}`);
    }
  }
}

type TextOf = (parsed: any) => string | undefined;

/** The assistant text a parsed non-streamed answer carries (the floor clients' minimal read of it). */
const COMPLETION_TEXT_OF: Record<Format, TextOf> = {
  openai: (body) => body?.choices?.[0]?.message?.content,
  anthropic: (body) => body?.content?.[0]?.text,
  gemini: (body) => body?.candidates?.[0]?.content?.parts?.[0]?.text,
};

/** The text a parsed stream event carries, if any. */
const EVENT_TEXT_OF: Record<Format, TextOf> = {
  openai: (event) => event?.choices?.[0]?.delta?.content,
  anthropic: (event) => event?.delta?.text,
  gemini: (event) => event?.candidates?.[0]?.content?.parts?.[0]?.text,
};

export function completionText(format: Format, parsed: unknown): string | undefined {
  return COMPLETION_TEXT_OF[format](parsed);
}

export function eventText(format: Format, parsed: unknown): string | undefined {
  return EVENT_TEXT_OF[format](parsed);
}
