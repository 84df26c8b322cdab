/** `gemini` -> `Gemini`, `google-vertex` -> `GoogleVertex`: the prefix of a provider's generated names. */
export function pascalCase(name: string): string {
  return name
    .split(/[-_]/)
    .filter((word) => word.length > 0)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/** `google-vertex` -> `googleVertex`: a provider's namespace in the providers barrel. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** A property key as written in TypeScript source: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}
