/**
 * The `Location` entity Backstage makes for each registered location, so that clients asking
 * for an entity's ancestry (`getEntityAncestors`, the entity page's processing-errors panel)
 * find its parent where Backstage would put it. Slipway keeps locations in their own table, not
 * among the entities: these are built when asked for, named as Backstage names them
 * (`generated-` and the SHA-1 of `type:target`), so a reference made by Backstage resolves here.
 */
import { createHash } from 'node:crypto';

export interface RegisteredLocation {
  type: string;
  target: string;
}

export function locationEntityName(location: RegisteredLocation): string {
  return `generated-${createHash('sha1').update(`${location.type}:${location.target}`).digest('hex')}`;
}

export function locationEntityRef(location: RegisteredLocation): string {
  return `location:default/${locationEntityName(location)}`;
}

/** A registered location as Backstage's catalog serves it: its own and its origin location are itself. */
export function locationEntity(location: RegisteredLocation): Record<string, unknown> {
  const self = `${location.type}:${location.target}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: {
      name: locationEntityName(location),
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': self,
        'backstage.io/managed-by-origin-location': self,
      },
    },
    spec: { type: location.type, target: location.target },
    relations: [],
  };
}
