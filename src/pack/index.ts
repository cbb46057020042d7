// The application pack: built from a case and its intake; JSON (and its JSON Schema), Markdown, Word, zip.
export { buildPack, displayValue, packJsonSchema, PackSchema, type ApplicationPack, type PackExtras, type PackField } from './application-pack.js';
export { packDocument, type Block } from './document.js';
export { packToDocx } from './docx.js';
export { packToMarkdown } from './markdown.js';
export { packToZip, type BundleFile } from './bundle.js';
