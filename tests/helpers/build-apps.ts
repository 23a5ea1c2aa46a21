/** Vitest global setup: the page tests load the built apps from dist/apps, so build them first if stale. */
import { buildAppsIfStale } from '../../scripts/build-apps.js';

export default async function setup(): Promise<void> {
  await buildAppsIfStale();
}
