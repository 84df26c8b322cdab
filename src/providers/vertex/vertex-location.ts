// Where Vertex AI is reached: the host from the location (vertex-endpoint.ts); the project
// (providers.vertex.project, VERTEX_PROJECT, GOOGLE_CLOUD_PROJECT, or the credentials' own) is a
// path parameter.
import { InvalidRequestError } from "../../errors.js";
import type { ProviderSettings } from "../contract.js";
import { credentialsProject, type VertexAuth } from "./vertex-auth.js";
import { configuredProject } from "./vertex-endpoint.js";

export { configuredProject, vertexBaseURL, vertexLocation } from "./vertex-endpoint.js";

/** The project for the path: configured, else the one the credentials belong to. */
export async function vertexProject(settings: ProviderSettings, auth: VertexAuth): Promise<string> {
  const project = configuredProject(settings) ?? (await credentialsProject(auth));
  if (project === undefined) {
    throw new InvalidRequestError("Vertex AI needs a project: set VERTEX_PROJECT (or GOOGLE_CLOUD_PROJECT) or providers.vertex.project.", "providers.vertex.project");
  }
  if (!/^[a-z0-9][a-z0-9-.:]*$/.test(project)) throw new InvalidRequestError(`Invalid Vertex AI project ${JSON.stringify(project)}.`, "providers.vertex.project");
  return project;
}
