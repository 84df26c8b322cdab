// Anthropic's SSE framing: `event: <type>` + `data: {json}` per event. The JSON's own `type`
// decides (the `event:` line repeats it); the typed event goes to the state machine.
import { APIError } from "../../errors.js";
import type { SSEEvent } from "../../core/sse.js";
import type { ChatCompletionChunk } from "../../types.js";
import type { NativeStreamTranslator, StreamTranslator } from "../contract.js";
import type { AnthropicStreamEvent } from "./anthropic-schema.js";

export class AnthropicSSETranslator implements StreamTranslator {
  /**
   * Data that did not parse. The SSE decoder hands over a half-received last event when the body
   * ends mid-event, so garbage is only an error once another event follows it; if the body ends
   * instead, the stream was cut and `end()` reports it as incomplete.
   */
  private unparsed: string | undefined;

  constructor(
    private readonly native: NativeStreamTranslator<AnthropicStreamEvent>,
    private readonly model: string,
  ) {}

  push(event: SSEEvent): ChatCompletionChunk[] {
    if (this.unparsed !== undefined) throw this.malformed(this.unparsed, "whose data is not JSON");
    if (event.data.length === 0) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      this.unparsed = event.data;
      return [];
    }
    if (typeof parsed !== "object" || parsed === null || typeof (parsed as { type?: unknown }).type !== "string") {
      throw this.malformed(event.data, "without a type");
    }
    return this.native.push(parsed as AnthropicStreamEvent);
  }

  finished(): boolean {
    return this.native.finished();
  }

  end(): ChatCompletionChunk[] {
    const trailing = this.native.end();
    // The end marker came, yet something unreadable followed it.
    if (this.unparsed !== undefined) throw this.malformed(this.unparsed, "whose data is not JSON");
    return trailing;
  }

  partialText(): string {
    return this.native.partialText();
  }

  /** A garbled event is a bad gateway, like a 200 whose body is not JSON: retryable before output. */
  private malformed(data: string, problem: string): APIError {
    return APIError.fromResponse(502, data, undefined, "anthropic", {
      model: this.model,
      message: `Anthropic sent a stream event ${problem}`,
    });
  }
}
