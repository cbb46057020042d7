// Regenerates schema/application-pack.schema.json from the zod schema (npm run schema).
import { writeFileSync } from 'node:fs';
import { packJsonSchema } from '../src/pack/index.js';

writeFileSync(new URL('../schema/application-pack.schema.json', import.meta.url), `${JSON.stringify(packJsonSchema(), null, 2)}\n`);
