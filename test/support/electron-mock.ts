// Unit-test setup: the `electron` module is replaced here, once, for every unit test,
// by the fake in ./electron/fake.ts (the Electron binary cannot run in this environment).
// Tests import `fake` from there to drive and inspect it.
import { beforeEach, vi } from 'vitest';
import { resetElectronFake } from './electron/fake.ts';

vi.mock('electron', async () => (await import('./electron/fake.ts')).electronModule);

beforeEach(() => {
  resetElectronFake();
});
