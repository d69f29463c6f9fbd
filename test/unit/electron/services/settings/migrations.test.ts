import { describe, expect, it } from 'vitest';
import { migrateSettings, versionOf } from '../../../../../electron/services/settings/migrations.ts';

const NOW = new Date('2025-03-01T10:00:00.000Z');

describe('settings migrations', () => {
  it('carries a version 1 document to version 2, inferring how each connection authenticates', () => {
    const v1 = {
      schemaVersion: 1,
      theme: 'dark',
      connections: [
        { id: 'a', name: 'Prod MLflow', kind: 'mlflow', url: 'https://mlflow.example.com', username: 'alice', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-02-01T00:00:00.000Z' },
        { id: 'b', name: 'Token MLflow', kind: 'mlflow', url: 'https://m2.example.com', useToken: true },
        { id: 'c', name: 'Prometheus', kind: 'prometheus', url: 'http://prom:9090', createdAt: '2024-01-05T00:00:00.000Z' },
      ],
    };
    const outcome = migrateSettings(v1, NOW);
    expect(outcome).toEqual({
      ok: true,
      fromVersion: 1,
      document: {
        schemaVersion: 2,
        preferences: { theme: 'dark' },
        connections: [
          { id: 'a', name: 'Prod MLflow', kind: 'mlflow', url: 'https://mlflow.example.com', auth: { type: 'basic', username: 'alice' }, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-02-01T00:00:00.000Z' },
          { id: 'b', name: 'Token MLflow', kind: 'mlflow', url: 'https://m2.example.com', auth: { type: 'bearer' }, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() },
          { id: 'c', name: 'Prometheus', kind: 'prometheus', url: 'http://prom:9090', auth: { type: 'none' }, createdAt: '2024-01-05T00:00:00.000Z', updatedAt: '2024-01-05T00:00:00.000Z' },
        ],
      },
    });
  });

  it('treats a document without schemaVersion as version 1', () => {
    expect(versionOf({ theme: 'light' })).toBe(1);
    const outcome = migrateSettings({ theme: 'light' }, NOW);
    expect(outcome.ok && outcome.document).toEqual({ schemaVersion: 2, preferences: { theme: 'light' }, connections: [] });
  });

  it('drops fields a version 1 connection should never have had, such as a password', () => {
    const outcome = migrateSettings(
      { theme: 'system', connections: [{ id: 'a', name: 'x', kind: 'mlflow', url: 'http://h', username: 'u', password: 'hunter2' }] },
      NOW,
    );
    expect(outcome.ok).toBe(true);
    expect(JSON.stringify(outcome)).not.toContain('hunter2');
  });

  it('accepts a current document unchanged', () => {
    const v2 = { schemaVersion: 2, preferences: { theme: 'light' }, connections: [] };
    expect(migrateSettings(v2, NOW)).toEqual({ ok: true, fromVersion: 2, document: v2 });
  });

  it('refuses a document from a newer Countersign, a bad version, and a shape its version does not have', () => {
    const newer = migrateSettings({ schemaVersion: 7, preferences: { theme: 'dark' } }, NOW);
    expect(newer.ok === false && newer.reason).toMatch(/newer Countersign/);
    expect(migrateSettings({ schemaVersion: 'two' }, NOW).ok).toBe(false);
    const badV1 = migrateSettings({ schemaVersion: 1, theme: 'purple' }, NOW);
    expect(badV1.ok === false && badV1.reason).toMatch(/version 1: problem at theme/);
    const badV2 = migrateSettings({ schemaVersion: 2, preferences: { theme: 'dark' }, connections: [{ id: 'x' }] }, NOW);
    expect(badV2.ok === false && badV2.reason).toMatch(/version 2: problem at connections\.0\./);
  });

  it('never quotes a value from the file in its reason', () => {
    const outcome = migrateSettings({ schemaVersion: 1, theme: 'secret-looking-value' }, NOW);
    expect(outcome.ok === false && outcome.reason).not.toContain('secret-looking-value');
  });
});
