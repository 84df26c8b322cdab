// `onellm models <provider>`: the model ids onellm knows for a provider (src/models/model-ids.ts)
// and, where the capability table has rows for it, what each model's family can do.
import { capabilitiesOf, type CapabilityProvider, type ModelCapabilities } from "../models/model-capabilities.js";
import { KNOWN_MODEL_IDS } from "../models/model-ids.js";
import { findProvider, knownProviderNames } from "../providers/registry.js";
import { UsageError } from "./cli-errors.js";
import { formatTable } from "./cli-providers.js";
import { didYouMean } from "./cli-suggest.js";

/** Providers whose models another's ids and capability rows describe (Vertex serves Gemini's ids). */
const SAME_MODELS: Readonly<Record<string, string>> = { vertex: "google" };
const CAPABILITY_PROVIDERS: readonly CapabilityProvider[] = ["anthropic", "google"];

export interface ModelRow {
  id: string;
  capabilities?: ModelCapabilities;
}

export interface ModelListing {
  provider: string;
  models: ModelRow[];
}

export function listModels(name: string | undefined): ModelListing {
  if (name === undefined) throw new UsageError(`which provider? onellm models <provider>, e.g. onellm models anthropic.`);
  const provider = findProvider(name);
  if (provider === undefined) throw new UsageError(`unknown provider "${name}".${didYouMean(name, knownProviderNames())} See \`onellm providers\`.`);
  const source = SAME_MODELS[provider.name] ?? provider.name;
  const ids = KNOWN_MODEL_IDS[source] ?? [];
  const capabilityProvider = CAPABILITY_PROVIDERS.find((candidate) => candidate === source);
  return {
    provider: provider.name,
    models: ids.map((id) => (capabilityProvider === undefined ? { id } : { id, capabilities: capabilitiesOf(capabilityProvider, id) })),
  };
}

function thinking(capabilities: ModelCapabilities): string {
  if (capabilities.thinking === "none") return "no";
  const levels = capabilities.efforts.length > 0 ? ` (${capabilities.efforts.join("/")})` : "";
  return `${capabilities.thinking}${levels}${capabilities.thinkingOff ? "" : ", always on"}`;
}

export function renderModels(listing: ModelListing): string {
  if (listing.models.length === 0) return "";
  const withCapabilities = listing.models.some((model) => model.capabilities !== undefined);
  if (!withCapabilities) return `${listing.models.map((model) => `${listing.provider}/${model.id}`).join("\n")}\n`;
  return `${formatTable(
    ["model", "family", "thinking", "structured outputs", "max output", "input"],
    listing.models.map(({ id, capabilities }) => {
      const traits = capabilities!;
      const input = ["text", ...(traits.vision ? ["images"] : []), ...(traits.audio ? ["audio"] : [])].join(", ");
      return [`${listing.provider}/${id}`, traits.family, thinking(traits), traits.structuredOutputs, String(traits.maxOutputTokens), input];
    }),
  )}\n`;
}
