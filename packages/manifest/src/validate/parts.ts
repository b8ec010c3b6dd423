import type { RawIssue } from '../errors/index.js';
import type { ServiceManifest, StackManifest } from '../schema/index.js';

/**
 * The sections of a manifest that passed the schema. Cross-field rules run on
 * whatever is valid, so one bad field elsewhere doesn't hide their findings.
 */
export interface ManifestParts {
  readonly region?: string;
  readonly network?: StackManifest['network'];
  readonly loadBalancer?: StackManifest['loadBalancer'];
  /** Services that passed the schema, in manifest order. */
  readonly services: readonly (readonly [string, ServiceManifest])[];
  /** True when every service passed: rules that must know every name may speak. */
  readonly allServices: boolean;
}

/** A cross-field rule: pure, reports problems by manifest path. */
export type Rule = (parts: ManifestParts) => RawIssue[];
