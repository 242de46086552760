/** Resource provisioners: provisioner documents, matching, templates and resolution. */
export { builtinProvisioners } from './builtin/index.ts';
export { type DerivationKey, derivedGuid, derivedString } from './derive.ts';
export { type FunctionTable, templateFunctions } from './functions.ts';
export { finalizeManifest, isClusterScopedKind, type ManifestDefaults, provisionerLabels } from './manifests.ts';
export { selectProvisioner, specificity } from './match.ts';
export * from './model.ts';
export { dnsLabel, isDns1123Subdomain } from './names.ts';
export * from './resolve.ts';
export { resourceSlug, resourceUid } from './scope.ts';
export * from './score-k8s.ts';
export * from './score-k8s-request.ts';
export * from './score-k8s-secrets.ts';
export { parseTemplate, renderTemplate, type Template, type TemplateScope } from './template.ts';
export { TemplateError } from './template-error.ts';
