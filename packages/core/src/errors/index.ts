export * from './codes.ts';
export * from './input-shape.ts';
export * from './json-pointer.ts';
export * from './slipway-error.ts';
export * from './yaml-aliases.ts';
