// Where Vertex AI is reached: the location (providers.vertex.location, VERTEX_LOCATION,
// GOOGLE_CLOUD_LOCATION; "global" when none is set, as Google's Gen AI SDK does) picks the host,
// `https://{location}-aiplatform.googleapis.com`, or `https://aiplatform.googleapis.com` for global.
// Light (no credentials code): the registry reads the base URL before the provider loads.
import { InvalidRequestError } from "../../errors.js";
import type { ProviderSettings } from "../contract.js";

type Environment = Readonly<Record<string, string | undefined>>;

const NAME = /^[a-z0-9][a-z0-9-]*$/;

function setting(extra: Readonly<Record<string, unknown>>, env: Environment, key: string, variables: readonly string[]): string | undefined {
  const configured = extra[key];
  if (configured !== undefined && configured !== "") {
    if (typeof configured !== "string") throw new InvalidRequestError(`Invalid client option \`providers.vertex.${key}\`: expected a string.`, `providers.vertex.${key}`);
    return configured;
  }
  for (const variable of variables) if (env[variable]) return env[variable];
  return undefined;
}

export function vertexLocation(extra: Readonly<Record<string, unknown>>, env: Environment): string {
  const location = setting(extra, env, "location", ["VERTEX_LOCATION", "GOOGLE_CLOUD_LOCATION"]) ?? "global";
  if (!NAME.test(location)) throw new InvalidRequestError(`Invalid Vertex AI location ${JSON.stringify(location)}: expected e.g. "us-central1" or "global".`, "providers.vertex.location");
  return location;
}

export function vertexBaseURL(extra: Readonly<Record<string, unknown>>, env: Environment): string {
  const location = vertexLocation(extra, env);
  return location === "global" ? "https://aiplatform.googleapis.com" : `https://${location}-aiplatform.googleapis.com`;
}

/** The project configured without reading credentials, if any. */
export function configuredProject(settings: ProviderSettings): string | undefined {
  return setting(settings.extra, settings.env, "project", ["VERTEX_PROJECT", "GOOGLE_CLOUD_PROJECT"]);
}
