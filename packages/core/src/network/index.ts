export {
  defaultIngressNamespaces,
  dependencyLabel,
  dependencyLabelPrefix,
  namespaceNameLabel,
  resourceLabel,
  resourceLabelPrefix,
} from './labels.ts';
export { defaultDenyPolicy, defaultDenyPolicyName, type PolicyPort, uniquePorts } from './policies.ts';
