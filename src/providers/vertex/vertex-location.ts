// Where Vertex AI is reached: the location (providers.vertex.location, VERTEX_LOCATION,
// GOOGLE_CLOUD_LOCATION; "global" when none is set, as Google's Gen AI SDK does) picks the host,
// `https://{location}-aiplatform.googleapis.com`, or `https://aiplatform.googleapis.com` for global;
// the project (providers.vertex.project, VERTEX_PROJECT, GOOGLE_CLOUD_PROJECT, or the credentials'
// own) is a path parameter.
import { InvalidRequestError } from "../../errors.js";
import type { ProviderSettings } from "../contract.js";
import { credentialsProject, type VertexAuth } from "./vertex-auth.js";

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

/** The project for the path: configured, else the one the credentials belong to. */
export async function vertexProject(settings: ProviderSettings, auth: VertexAuth): Promise<string> {
  const project = configuredProject(settings) ?? (await credentialsProject(auth));
  if (project === undefined) {
    throw new InvalidRequestError("Vertex AI needs a project: set VERTEX_PROJECT (or GOOGLE_CLOUD_PROJECT) or providers.vertex.project.", "providers.vertex.project");
  }
  if (!/^[a-z0-9][a-z0-9-.:]*$/.test(project)) throw new InvalidRequestError(`Invalid Vertex AI project ${JSON.stringify(project)}.`, "providers.vertex.project");
  return project;
}
