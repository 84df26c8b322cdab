// ts-morph -> src/providers/<p>/<p>-translator.ts (+ index.ts from a template) for a provider that has
// no folder yet: a class whose methods are copied from the generated translator interface, each
// throwing "not implemented", so the stub always matches the interface. Written only when the folder
// is absent (see writeStarters); after that the folder belongs to whoever implements the provider.
import path from "node:path";
import { Node, SyntaxKind, type MethodSignature } from "ts-morph";
import { createSourceFile, discardSourceFile, formatTypeScript, printSourceFile } from "../format.js";
import { GeneratorError } from "../generator-error.js";
import { pascalCase } from "../naming.js";
import { providerDir, providerSourceDir, type GeneratedFile } from "../output-paths.js";
import { renderTemplate } from "../templates.js";
import { translatorInterfaceName } from "./mapping.js";

export function starterTranslatorClass(provider: string): string {
  return `${pascalCase(provider)}ChatTranslator`;
}

/** `translator` is the provider's generated translator.gen.ts. */
export function emitStarters(provider: string, translator: GeneratedFile): GeneratedFile[] {
  const targetDir = providerSourceDir(provider);
  const starterBanner = renderTemplate("starter-banner", { provider }).trimEnd();
  const interfaceName = translatorInterfaceName(provider);
  const className = starterTranslatorClass(provider);

  const generated = createSourceFile(translator.contents);
  const contract = generated.getInterface(interfaceName);
  if (contract === undefined) {
    discardSourceFile(generated);
    throw new GeneratorError(`${translator.path} has no interface ${interfaceName}`);
  }
  const methods = contract.getMethods().map(methodStructure);
  // The generated module's own exports come through the provider's generated barrel; its imports
  // are re-pointed from generated/providers/<p>/ to src/providers/<p>/.
  const importsByModule = new Map<string, Set<string>>();
  const barrel = relativeModule(targetDir, `${providerDir(provider)}/index.js`);
  for (const name of [interfaceName, ...referencedTypeNames(contract)]) {
    const declaration = generated.getImportDeclarations().find((candidate) =>
      candidate.getNamedImports().some((named) => named.getName() === name),
    );
    const declaredHere = generated.getTypeAlias(name) ?? generated.getInterface(name);
    const module = declaration
      ? relativeModule(
          targetDir,
          path.posix.join(path.posix.dirname(translator.path), declaration.getModuleSpecifierValue()),
        )
      : declaredHere
        ? barrel
        : undefined; // a global such as Promise
    if (module !== undefined) {
      importsByModule.set(module, (importsByModule.get(module) ?? new Set()).add(name));
    }
  }
  discardSourceFile(generated);

  const file = createSourceFile();
  file.addImportDeclarations(
    [...importsByModule]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([moduleSpecifier, names]) => ({ isTypeOnly: true, moduleSpecifier, namedImports: [...names].sort() })),
  );
  file.addClass({
    isExported: true,
    name: className,
    implements: [interfaceName],
    docs: [`Translates between the unified chat API and ${provider}'s native one.`],
    methods: methods.map((method) => ({
      ...method,
      statements: [`throw new Error(${JSON.stringify(`${provider} translator: not implemented`)});`],
    })),
  });

  return [
    {
      path: `${targetDir}/index.ts`,
      contents: formatTypeScript(renderTemplate("starter-index", { starterBanner, provider, translatorClass: className })),
    },
    { path: `${targetDir}/${provider}-translator.ts`, contents: `${starterBanner}\n${printSourceFile(file)}` },
  ];
}

function methodStructure(method: MethodSignature): { name: string; parameters: { name: string; type: string }[]; returnType: string } {
  return {
    name: method.getName(),
    parameters: method.getParameters().map((parameter) => ({
      name: parameter.getName(),
      type: parameter.getTypeNodeOrThrow().getText(),
    })),
    returnType: method.getReturnTypeNodeOrThrow().getText(),
  };
}

/** Every type name the interface's members mention (the leftmost name of `a.b.C`), sorted. */
function referencedTypeNames(contract: Node): string[] {
  const names = contract.getDescendantsOfKind(SyntaxKind.TypeReference).map((reference) => {
    let name: Node = reference.getTypeName();
    while (Node.isQualifiedName(name)) name = name.getLeft();
    return name.getText();
  });
  return [...new Set(names)].sort();
}

function relativeModule(fromDir: string, target: string): string {
  const relative = path.posix.relative(fromDir, target);
  return relative.startsWith(".") ? relative : `./${relative}`;
}
