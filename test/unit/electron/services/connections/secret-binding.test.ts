import { describe, expect, it } from 'vitest';
import {
  checkSecretBinding,
  keepsSecretBinding,
  type SecretBinding,
} from '../../../../../electron/services/connections/secret-binding.ts';
import { codeOf } from '../../../../support/error-code.ts';

const prod: SecretBinding = { kind: 'mlflow', url: 'https://mlflow.example.com', auth: { type: 'basic', username: 'alice' } };

describe('the binding of a stored secret', () => {
  it('holds for the same origin, whatever the path, the default port or the case of the host', () => {
    for (const url of ['https://mlflow.example.com/prefix', 'https://MLflow.Example.com:443', 'https://mlflow.example.com/']) {
      expect(keepsSecretBinding(prod, { ...prod, url }), url).toBe(true);
    }
  });

  it('breaks on another scheme, host or port, kind, sign-in method or username', () => {
    const moved: SecretBinding[] = [
      { ...prod, url: 'http://mlflow.example.com' },
      { ...prod, url: 'https://mlflow.example.com.attacker.net' },
      { ...prod, url: 'https://mlflow.example.com:8443' },
      { ...prod, kind: 'prometheus' },
      { ...prod, auth: { type: 'bearer' } },
      { ...prod, auth: { type: 'basic', username: 'Alice' } },
    ];
    for (const after of moved) expect(keepsSecretBinding(prod, after), JSON.stringify(after)).toBe(false);
  });

  it('never holds for something that is not an http(s) URL', () => {
    const odd: SecretBinding = { ...prod, url: 'not a url' };
    expect(keepsSecretBinding(odd, odd)).toBe(false);
  });

  it('lets a save without a secret through only while the binding holds', () => {
    const elsewhere: SecretBinding = { ...prod, url: 'http://attacker.example:8080' };
    expect(codeOf(() => checkSecretBinding(prod, elsewhere, undefined))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkSecretBinding(prod, elsewhere, 'new-pw'))).toBeUndefined();
    expect(codeOf(() => checkSecretBinding(prod, elsewhere, null))).toBeUndefined();
    expect(codeOf(() => checkSecretBinding(prod, { ...elsewhere, auth: { type: 'none' } }, undefined))).toBeUndefined();
    expect(codeOf(() => checkSecretBinding(prod, { ...prod, url: 'https://mlflow.example.com/v2' }, undefined))).toBeUndefined();
  });
});
