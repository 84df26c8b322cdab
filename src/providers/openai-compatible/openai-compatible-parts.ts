// Content parts in Mistral's shapes (spec/providers/mistral.yaml ContentChunk): the same part types
// as OpenAI's, but `input_audio` is the base64 string itself (AudioChunk) and a file is either
// `{type: "file", file_id}` (FileChunk) or, given inline, a `document_url` chunk with a data: URI
// (DocumentURLChunk; docs.mistral.ai "Document AI - Document QnA" sends PDFs that way).
import type { TranslateContext } from "../contract.js";

type Json = Record<string, unknown>;

export function adaptMistralPart(part: Json, where: string, context: TranslateContext): Json | undefined {
  const type = part["type"];
  if (type === "input_audio") {
    const audio = part["input_audio"];
    const data = typeof audio === "object" && audio !== null ? (audio as Json)["data"] : audio;
    return { type: "input_audio", input_audio: data };
  }
  if (type === "file") {
    const file = (part["file"] ?? {}) as Json;
    if (typeof file["file_id"] === "string") return { type: "file", file_id: file["file_id"] };
    if (typeof file["file_data"] === "string") {
      const data = file["file_data"];
      const documentUrl = data.startsWith("data:") ? data : `data:application/pdf;base64,${data}`;
      return typeof file["filename"] === "string"
        ? { type: "document_url", document_url: documentUrl, document_name: file["filename"] }
        : { type: "document_url", document_url: documentUrl };
    }
    context.unsupported(`${where} (file)`, "give file.file_id or file.file_data");
    return undefined;
  }
  return part;
}
