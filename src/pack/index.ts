// The application pack: built from a case and its intake; JSON (and its JSON Schema), Markdown, Word, zip.
export { buildPack, packJsonSchema, PackSchema } from './application-pack.js';
export { packToDocx } from './docx.js';
export { packToMarkdown } from './markdown.js';
export { packToZip } from './bundle.js';
