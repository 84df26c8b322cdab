// The AWS region Bedrock is reached in. Light (no signing code): the registry resolves Bedrock's
// base URL from it before the provider loads.
import { InvalidRequestError } from "../../errors.js";

/** The region Bedrock is reached in: settings, then AWS_REGION / AWS_DEFAULT_REGION. */
export function configuredRegion(extra: Readonly<Record<string, unknown>>, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const region = extra["region"] ?? env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"];
  if (region === undefined || region === "") return undefined;
  if (typeof region !== "string" || !/^[a-z]{2}(-[a-z0-9]+)+$/.test(region)) {
    throw new InvalidRequestError(`Invalid Bedrock region ${JSON.stringify(region)}: expected an AWS region such as "us-east-1".`, "providers.bedrock.region");
  }
  return region;
}
