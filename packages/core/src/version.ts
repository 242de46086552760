/** Slipway's own version and the version of its HTTP API. */
export const slipwayVersion = '0.1.0';
export const apiVersion = 'v1';
