export { needsRewrap, open, openText, rewrap, seal, sealedKeyId } from './envelope.ts';
export {
  KEK_BYTES,
  KEK_ID_PATTERN,
  type Kek,
  KeyRing,
  type LoadedKeyRing,
  type LoadKeyRingOptions,
  loadKeyRing,
} from './keyring.ts';
