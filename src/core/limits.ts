// Default sizes for what a provider may send. Generous (far above any real chat answer) but finite:
// a hostile or broken server must not be able to exhaust the process's memory. Client options of the
// same names override them; hitting one is a ResponseTooLargeError, never retried.

/** A non-streamed body: 64 MiB (a long answer with n=8, logprobs or inline images stays far below). */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** One SSE / NDJSON line or event: 16 MiB (an event carrying an inline image or audio fits). */
export const DEFAULT_MAX_STREAM_EVENT_BYTES = 16 * 1024 * 1024;

/** The longest string V8 can build: a larger limit could not be read into one anyway. */
export const MAX_LIMIT_BYTES = 2 ** 29 - 24;

/** Error bodies are read up to this much; their status picks the error class, the rest is not needed. */
export const MAX_ERROR_BODY_READ_BYTES = 256 * 1024;
