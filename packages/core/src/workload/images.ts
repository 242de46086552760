import type { FieldIssue } from '../errors/index.ts';
import { jsonPointer } from '../errors/index.ts';
import type { ScoreWorkload } from './types.ts';

/**
 * The image of each container. A deploy may bring the image (CI built it): it replaces `.`
 * (Score's "given at deploy time") and, when the workload has one container, that container's image.
 */
export interface Images {
  byContainer: Record<string, string>;
  /** The image that names the release's version: the deployed one, else the first container's. */
  main: string | undefined;
  issues: FieldIssue[];
}

export function resolveImages(workload: ScoreWorkload, override: string | undefined): Images {
  const names = Object.keys(workload.containers).sort();
  const byContainer: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  let used = false;
  for (const name of names) {
    const written = workload.containers[name]?.image ?? '';
    const replace = override !== undefined && override !== '' && (written === '.' || names.length === 1);
    const image = replace ? (override as string) : written;
    used ||= replace;
    if (image === '.' || image.trim() === '') {
      const why =
        image === '.' ? 'its image is "." (given at deploy time) but this deploy gave none' : 'it has no image';
      issues.push({
        path: jsonPointer(['containers', name, 'image']),
        message: `Container "${name}" cannot run: ${why}`,
      });
    }
    byContainer[name] = image;
  }
  if (override && !used) {
    issues.push({
      path: '/containers',
      message: `The deploy gave image "${override}", but no container takes it: with several containers, write image: "." on the one it is for`,
    });
  }
  const main = used ? override : Object.values(byContainer).find((i) => i !== '.' && i !== '');
  return { byContainer, main, issues };
}
