// `onellm-sdk/otel`: OpenTelemetry tracing as hooks. One span per `create()` call ("chat <model>",
// INTERNAL) and one CLIENT span per HTTP attempt under it, with the GenAI semantic conventions'
// attributes; a streamed call's spans end when the stream ends, with the time to the first chunk.
// Message content is recorded only when asked for. `@opentelemetry/api` is an optional peer: only
// this entry point imports it.
import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer, type TracerProvider } from "@opentelemetry/api";
import { redactSecrets } from "../core/redact.js";
import { processEnvironment } from "../core/runtime.js";
import { VERSION } from "../settings.js";
import type { Hooks } from "./hooks.js";
import {
  inputMessages,
  outputMessages,
  requestAttributes,
  responseAttributes,
  semconvProvider,
  serverAttributes,
  spanName,
} from "./otel-attributes.js";

export interface OpenTelemetryOptions {
  /** The tracer to use; default `tracerProvider.getTracer("onellm-sdk", VERSION)`. */
  tracer?: Tracer | undefined;
  /** Default: the globally registered provider (`trace.getTracerProvider()`). */
  tracerProvider?: TracerProvider | undefined;
  /**
   * Record prompts and answers (`gen_ai.input.messages`, `gen_ai.output.messages`), redacted of
   * keys. Off by default: content is often personal data. Default from the environment variable
   * `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true`, as OpenTelemetry's own GenAI
   * instrumentations read it.
   */
  recordContent?: boolean | undefined;
}

interface CallSpans {
  call: Span;
  attempts: Map<number, Span>;
}

/** Hooks that trace every call made by a client: `new OpenAI({ hooks: openTelemetryHooks() })`. */
export function openTelemetryHooks(options: OpenTelemetryOptions = {}): Hooks {
  const tracer = options.tracer ?? (options.tracerProvider ?? trace.getTracerProvider()).getTracer("onellm-sdk", VERSION);
  const recordContent = options.recordContent ?? processEnvironment()["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"]?.toLowerCase() === "true";
  const calls = new Map<string, CallSpans>();

  const failAttempts = (spans: CallSpans, errorType: string, message: string) => {
    for (const span of spans.attempts.values()) endWithError(span, errorType, message);
    spans.attempts.clear();
  };

  return {
    onStart(event) {
      const attributes = requestAttributes(event.request, event.stream);
      if (event.target) {
        attributes["gen_ai.provider.name"] = semconvProvider(event.target.provider);
        attributes["gen_ai.request.model"] = event.target.model;
      }
      if (recordContent) attributes["gen_ai.input.messages"] = inputMessages(event.request);
      const call = tracer.startSpan(spanName(event.target?.model ?? event.model), { kind: SpanKind.INTERNAL, attributes }, context.active());
      calls.set(event.callId, { call, attempts: new Map() });
    },

    onRequest(event) {
      const spans = calls.get(event.callId);
      if (!spans) return;
      const parent = trace.setSpan(context.active(), spans.call);
      const span = tracer.startSpan(
        spanName(event.model),
        {
          kind: SpanKind.CLIENT,
          attributes: {
            "gen_ai.operation.name": "chat",
            "gen_ai.provider.name": semconvProvider(event.provider),
            "gen_ai.request.model": event.model,
            "gen_ai.request.stream": event.stream,
            "onellm.attempt": event.attempt,
            ...serverAttributes(event.url, event.method),
          },
        },
        parent,
      );
      spans.attempts.set(event.attempt, span);
    },

    onResponse(event) {
      const span = calls.get(event.callId)?.attempts.get(event.attempt);
      span?.setAttribute("http.response.status_code", event.status);
      if (event.requestId) span?.setAttribute("onellm.request_id", event.requestId);
    },

    onRetry(event) {
      const spans = calls.get(event.callId);
      if (!spans) return;
      const span = spans.attempts.get(event.attempt);
      if (span) {
        endWithError(span, event.errorType, event.error.message);
        spans.attempts.delete(event.attempt);
      }
      spans.call.addEvent("onellm.retry", {
        "onellm.retry": event.retry,
        "onellm.retry.delay_ms": event.delayMs,
        "error.type": event.errorType,
      });
    },

    onFallback(event) {
      const spans = calls.get(event.callId);
      if (!spans) return;
      failAttempts(spans, event.errorType, event.error.message);
      spans.call.addEvent("onellm.fallback", {
        "onellm.fallback.from": `${event.from.provider}/${event.from.model}`,
        "onellm.fallback.to": `${event.to.provider}/${event.to.model}`,
        "onellm.fallback.sent_request": event.sentRequest,
        "error.type": event.errorType,
      });
    },

    onComplete(event) {
      const spans = calls.get(event.callId);
      if (!spans) return;
      calls.delete(event.callId);
      const response = responseAttributes(event);
      // Emulated n > 1 runs attempts in parallel and sums their usage: per-attempt counts are unknown.
      const single = spans.attempts.size === 1;
      for (const span of spans.attempts.values()) {
        span.setAttributes(single ? response : { "gen_ai.response.model": event.responseModel ?? event.model });
        span.end();
      }
      spans.attempts.clear();
      const call = spans.call;
      call.setAttributes(response);
      call.setAttribute("gen_ai.provider.name", semconvProvider(event.provider));
      call.setAttribute("onellm.provider", event.provider);
      call.setAttribute("onellm.model", event.model);
      call.setAttribute("onellm.attempts", event.attempts.length);
      if (event.timeToFirstChunkMs !== undefined) call.setAttribute("gen_ai.response.time_to_first_chunk", event.timeToFirstChunkMs / 1000);
      if (event.stream) call.setAttribute("onellm.stream.cancelled", event.cancelled);
      if (recordContent) call.setAttribute("gen_ai.output.messages", outputMessages(event.choices));
      call.end();
    },

    onError(event) {
      const spans = calls.get(event.callId);
      if (!spans) return;
      calls.delete(event.callId);
      failAttempts(spans, event.errorType, event.error.message);
      spans.call.setAttribute("onellm.attempts", event.attempts.length);
      if (event.stream) spans.call.setAttribute("onellm.stream.after_output", event.afterOutput);
      endWithError(spans.call, event.errorType, event.error.message);
    },
  };
}

function endWithError(span: Span, errorType: string, message: string): void {
  span.setAttribute("error.type", errorType);
  span.setStatus({ code: SpanStatusCode.ERROR, message: redactSecrets(message) });
  span.end();
}
