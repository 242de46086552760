export { slipwayAnnotations, type WorkloadKind } from './annotations.ts';
export { canonicalize, canonicalJson } from './canonical.ts';
export { base64Encode, contentDigest, sha256Hex, shortHash } from './hash.ts';
export { imageTag, type WorkloadLabels, workloadLabels } from './labels.ts';
export { isDnsLabel, kubeName, labelValue, maxLabelLength } from './names.ts';
export {
  dependencyPodLabels,
  type NetworkSettings,
  networkPolicyObject,
  servicePortType,
  workloadDependencies,
} from './network.ts';
export { parseScore, type ScoreIssue } from './parse.ts';
export {
  type Expansion,
  expandDeep,
  expandPlaceholders,
  type PlaceholderContext,
  resolveReference,
  resourceReference,
  splitReference,
  withoutSecrets,
} from './placeholders.ts';
export { type RenderInput, type RenderResult, renderWorkload } from './render.ts';
export { routeType } from './routes.ts';
export { scoreLimits, scorePatterns, validateScore } from './score-schema.ts';
export * from './types.ts';
