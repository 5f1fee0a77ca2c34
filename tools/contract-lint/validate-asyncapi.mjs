// Validates an AsyncAPI 3 document (with its $ref'd JSON Schemas) and exits non-zero on any error.
import { Parser, fromFile } from '@asyncapi/parser';
import path from 'node:path';

const file = path.resolve(process.argv[2]);
const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, file).parse();
const errors = diagnostics.filter((d) => d.severity === 0);
for (const d of diagnostics.filter((d) => d.severity <= 1)) {
  console.log(`${d.severity === 0 ? 'error' : 'warning'} ${d.code}: ${d.message} at ${d.path.join('.')}`);
}
if (!document || errors.length > 0) {
  console.error(`AsyncAPI document ${file} is invalid (${errors.length} errors)`);
  process.exit(1);
}
console.log(`AsyncAPI document valid: ${document.channels().length} channels, ${document.messages().length} messages`);
