// Grounding (googleSearch) and citations -> OpenAI's `url_citation` annotations. Gemini gives
// segments of the answer in UTF-8 byte offsets (groundingSupports[].segment, citationSources[]);
// annotations count UTF-16 code units into `message.content`, so offsets are converted against
// the answer text seen so far. Where Gemini also quotes the segment and the offsets do not land on
// it, the quote decides.
import type { UrlCitationAnnotation } from "../../types.js";
import type { GeminiCandidate } from "./gemini-native.js";

const encoder = new TextEncoder();

/** Every annotation the candidate's metadata supports, against `answer` (the candidate's text so far). */
export function annotationsOf(candidate: GeminiCandidate, answer: string): UrlCitationAnnotation[] {
  const annotations: UrlCitationAnnotation[] = [];
  const grounding = candidate.groundingMetadata;
  const chunks = grounding?.groundingChunks ?? [];
  for (const support of grounding?.groundingSupports ?? []) {
    const segment = support.segment;
    const span = locate(answer, segment?.startIndex ?? 0, segment?.endIndex, segment?.text);
    for (const chunkIndex of support.groundingChunkIndices ?? []) {
      const chunk = chunks[chunkIndex];
      const source = chunk?.web ?? chunk?.retrievedContext ?? chunk?.maps;
      if (source?.uri === undefined) continue;
      annotations.push(citation(source.uri, source.title ?? source.uri, span));
    }
  }
  for (const source of candidate.citationMetadata?.citationSources ?? []) {
    if (source.uri === undefined) continue;
    annotations.push(citation(source.uri, source.uri, locate(answer, source.startIndex ?? 0, source.endIndex, undefined)));
  }
  return annotations;
}

/** A key per annotation, so a stream that repeats metadata sends each annotation once. */
export function annotationKey(annotation: UrlCitationAnnotation): string {
  const { url, start_index: start, end_index: end } = annotation.url_citation;
  return `${start}:${end}:${url}`;
}

function citation(url: string, title: string, span: Span): UrlCitationAnnotation {
  return { type: "url_citation", url_citation: { url, title, start_index: span.start, end_index: span.end } };
}

interface Span {
  start: number;
  end: number;
}

/** Byte offsets into `answer` -> UTF-16 offsets; a quoted segment found elsewhere wins over offsets that miss it. */
function locate(answer: string, startByte: number, endByte: number | undefined, quote: string | undefined): Span {
  const start = utf16Offset(answer, startByte);
  const end = endByte === undefined ? answer.length : utf16Offset(answer, endByte);
  if (quote === undefined || quote === "" || answer.slice(start, end) === quote) return { start, end };
  const found = answer.indexOf(quote);
  return found === -1 ? { start, end } : { start: found, end: found + quote.length };
}

function utf16Offset(text: string, byteOffset: number): number {
  if (byteOffset <= 0) return 0;
  let bytes = 0;
  let index = 0;
  for (const character of text) {
    if (bytes >= byteOffset) break;
    bytes += encoder.encode(character).length;
    index += character.length;
  }
  return index;
}
