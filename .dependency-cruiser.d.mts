// Types for the layer-rule configuration, so tests can import it (test/architecture/layers.test.ts).
import type { IConfiguration } from 'dependency-cruiser';

declare const config: IConfiguration;
export default config;
