// The resolve hook registered by source-imports.mjs.
const SOURCES = {
  "#media-downloader": new URL("../src/core/media.ts", import.meta.url).href,
  "#node-transport": new URL("../src/core/node-transport.ts", import.meta.url).href,
};

export async function resolve(specifier, context, nextResolve) {
  const source = SOURCES[specifier];
  return nextResolve(source ?? specifier, context);
}
