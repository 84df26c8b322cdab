// Starter written by npm run generate because src/providers/vertex/ did not exist. It is yours to edit: the generator never writes here again.
// The provider itself (base URL, auth headers, capabilities: see src/providers/contract.ts) goes here too.
export { VertexChatTranslator } from "./vertex-translator.js";
