import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkAuth,
  checkLocation,
  checkPeerUrl,
} from '../../../../../electron/services/connections/validate-connection.ts';
import { codeOf } from '../../../../support/error-code.ts';
import { makeTempDir } from '../../../../support/temp-dir.ts';
import { secretProblem } from '../../../../../shared/connections/secret-rules.ts';

const dir = makeTempDir('cs-validate');

describe('connection validation', () => {
  it('accepts http(s) URLs, with a path prefix, and drops trailing slashes', () => {
    expect(checkPeerUrl(' https://mlflow.example.com/ ')).toBe('https://mlflow.example.com');
    expect(checkPeerUrl('http://127.0.0.1:5000/mlflow//')).toBe('http://127.0.0.1:5000/mlflow');
  });

  it('refuses a URL with credentials inside it, without repeating them', () => {
    let message = '';
    try {
      checkPeerUrl('https://alice:hunter2@mlflow.example.com');
    } catch (error) {
      message = (error as Error).message;
      expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(message).toMatch(/user name or password/);
    expect(message).not.toContain('hunter2');
    expect(codeOf(() => checkPeerUrl('https://token@mlflow.example.com'))).toBe('INVALID_INPUT');
  });

  it('refuses other schemes, non-URLs, queries and fragments', () => {
    for (const bad of ['ftp://host', 'file:///etc/passwd', 'javascript:alert(1)', 'mlflow.example.com', 'http://h/?x=1', 'http://h/#f', 'http://h?']) {
      expect(codeOf(() => checkPeerUrl(bad)), bad).toBe('INVALID_INPUT');
    }
  });

  it('accepts an existing absolute folder for a workspace and refuses anything else', () => {
    expect(checkLocation('workspace', `${dir}/./`)).toBe(dir);
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'x');
    expect(codeOf(() => checkLocation('workspace', file))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkLocation('workspace', path.join(dir, 'missing')))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkLocation('workspace', 'relative/folder'))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkLocation('workspace', 'https://example.com'))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkLocation('mlflow', dir))).toBe('INVALID_INPUT');
  });

  it('accepts an existing absolute file for a private Sigstore trusted root and refuses anything else', () => {
    const file = path.join(dir, 'trusted_root.json');
    writeFileSync(file, '{}');
    expect(checkLocation('sigstore', ` ${dir}/./trusted_root.json `)).toBe(file);
    expect(codeOf(() => checkLocation('sigstore', dir))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkLocation('sigstore', path.join(dir, 'missing.json')))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkLocation('sigstore', 'trusted_root.json'))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkLocation('sigstore', 'https://sigstore.example.com/trusted_root.json'))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkLocation('sigstore', `${file}\0`))).toBe('INVALID_INPUT');
  });

  it('refuses authentication, and any secret, for a private Sigstore trusted root', () => {
    expect(codeOf(() => checkAuth('sigstore', { type: 'bearer' }, undefined))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkAuth('sigstore', { type: 'basic', username: 'u' }, 'pw'))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkAuth('sigstore', { type: 'none' }, 'pw'))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkAuth('sigstore', { type: 'none' }, undefined))).toBeUndefined();
  });

  it('refuses a secret for a profile without authentication, and authentication for a workspace', () => {
    expect(codeOf(() => checkAuth('mlflow', { type: 'none' }, 'pw'))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkAuth('workspace', { type: 'bearer' }, undefined))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkAuth('mlflow', { type: 'none' }, null))).toBeUndefined();
    expect(codeOf(() => checkAuth('mlflow', { type: 'basic', username: 'u' }, 'pw'))).toBeUndefined();
  });

  it('refuses control characters in any secret, and anything but visible ASCII in a token', () => {
    for (const bad of ['a\nb', 'a\rb', 'a\u0000b', 'a\tb', 'a\u001bb', 'a\u007fb', 'a\u0085b']) {
      expect(secretProblem('basic', bad), JSON.stringify(bad)).toMatch(/control characters/);
      expect(codeOf(() => checkAuth('mlflow', { type: 'basic', username: 'u' }, bad))).toBe('INVALID_INPUT');
      expect(codeOf(() => checkAuth('mlflow', { type: 'bearer' }, bad))).toBe('INVALID_INPUT');
    }
    for (const bad of ['two words', 'tokén', 'tok\u00a0en', '😀']) {
      expect(codeOf(() => checkAuth('mlflow', { type: 'bearer' }, bad)), bad).toBe('INVALID_INPUT');
    }
    expect(secretProblem('basic', 'pass phrase with spaces é 😀')).toBeNull();
    expect(secretProblem('bearer', 'eyJhbGciOi.J9-_~+/=!#$%&*')).toBeNull();
  });
});
