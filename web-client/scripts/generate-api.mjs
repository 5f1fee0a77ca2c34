// Generates the app's API types from the OpenAPI document each service writes while it is packaged
// (<service>/target/openapi/openapi.yaml), so a change of the contract fails `tsc`, not a screen in a browser.
// OPENAPI_ROOT points at another directory laid out the same way (default: the repository, "..").
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', process.env.OPENAPI_ROOT ?? '..');
const out = resolve(here, '../src/api/generated');
const services = ['community', 'event', 'merchant', 'feed', 'media', 'notification'];

mkdirSync(out, { recursive: true });
const missing = services.map((s) => join(root, `${s}-service/target/openapi/openapi.yaml`)).filter((f) => !existsSync(f));
if (missing.length) {
  console.error(`No OpenAPI document at:\n  ${missing.join('\n  ')}\nPackage the services first: ./mvnw -o -pl web-client -am package -DskipTests`);
  process.exit(1);
}
for (const s of services) {
  const doc = join(root, `${s}-service/target/openapi/openapi.yaml`);
  const ast = await openapiTS(pathToFileURL(doc));
  const header = `// Generated from ${s}-service's OpenAPI document by scripts/generate-api.mjs: do not edit.\n`;
  writeFileSync(join(out, `${s}.ts`), header + astToString(ast));
}
console.log(`API types for ${services.length} services from ${root} → src/api/generated`);
