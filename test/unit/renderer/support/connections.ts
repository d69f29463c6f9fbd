import type { Connection } from '../../../../shared/contract/schemas/connections.ts';

/**
 * A stored MLflow profile as the main process lists it: basic auth as "ria", with its
 * password in the keychain (`hasSecret`), so screens and forms show the stored-secret case.
 */
export const prodMlflow: Connection = {
  id: 'c1',
  name: 'Prod MLflow',
  kind: 'mlflow',
  url: 'https://mlflow.example.com',
  auth: { type: 'basic', username: 'ria' },
  hasSecret: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};
