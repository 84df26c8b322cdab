// Anthropic citations -> OpenAI's `url_citation` annotations. A citation belongs to the text block
// that carries it, so the annotation spans that block's text within `message.content`. Only web
// search results have a URL; citations of the caller's own documents (character, page, block or
// search-result locations) point at no address and are not annotations.
import type { UrlCitationAnnotation } from "../../types.js";
import type { AnthropicTextCitation } from "./anthropic-schema.js";

export function urlCitations(citations: readonly AnthropicTextCitation[], start: number, end: number): UrlCitationAnnotation[] {
  const annotations: UrlCitationAnnotation[] = [];
  for (const citation of citations) {
    switch (citation.type) {
      case "web_search_result_location":
        annotations.push({ type: "url_citation", url_citation: { url: citation.url, title: citation.title ?? citation.url, start_index: start, end_index: end } });
        break;
      case "char_location":
      case "page_location":
      case "content_block_location":
      case "search_result_location":
        break;
      default: {
        const unlisted: never = citation;
        void unlisted;
      }
    }
  }
  return annotations;
}
