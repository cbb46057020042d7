// The application pack: built from a case and its intake forms; JSON, Markdown and its JSON Schema.
export { buildPack, packJsonSchema, packToMarkdown, PackSchema } from './application-pack.js';
