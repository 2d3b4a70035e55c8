// The e2e run needs the engine and the fixture images, exactly like the integration
// tests and the benches: the same loader.
import { loadFixtures } from '../electron/core/testing/fixtures';

export default async function globalSetup(): Promise<void> {
  await loadFixtures();
}
