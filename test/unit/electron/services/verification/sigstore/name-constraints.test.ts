import { describe, expect, it } from 'vitest';
import {
  nameConstraintViolation,
  type CertNames,
  type NameConstraints,
} from '../../../../../../electron/services/verification/sigstore/name-constraints.ts';

const names = (n: Partial<CertNames>): CertNames => ({ email: [], dns: [], uri: [], unreadable: false, ...n });
const constraints = (n: Partial<NameConstraints>): NameConstraints => ({
  permitted: [],
  excluded: [],
  unsupported: null,
  ...n,
});
const allowed = (c: Partial<NameConstraints>, n: Partial<CertNames>) =>
  nameConstraintViolation(constraints(c), names(n)) === null;

describe('RFC 5280 name constraint matching', () => {
  it('reads an e-mail host constraint as that host only, a leading dot as its subdomains, a mailbox exactly', () => {
    const host = { permitted: [{ kind: 'email' as const, base: 'example.com' }] };
    expect(allowed(host, { email: ['alice@example.com', 'bob@EXAMPLE.com'] })).toBe(true);
    expect(allowed(host, { email: ['alice@mail.example.com'] })).toBe(false);
    expect(allowed(host, { email: ['alice@evil.test'] })).toBe(false);
    const sub = { permitted: [{ kind: 'email' as const, base: '.example.com' }] };
    expect(allowed(sub, { email: ['alice@mail.example.com'] })).toBe(true);
    expect(allowed(sub, { email: ['alice@example.com'] })).toBe(false);
    const mailbox = { permitted: [{ kind: 'email' as const, base: 'alice@example.com' }] };
    expect(allowed(mailbox, { email: ['alice@example.com'] })).toBe(true);
    expect(allowed(mailbox, { email: ['bob@example.com'] })).toBe(false);
  });

  it('reads a DNS constraint as the name and every name below it, never a look-alike suffix', () => {
    const dns = { permitted: [{ kind: 'dns' as const, base: 'example.com' }] };
    expect(allowed(dns, { dns: ['example.com', 'ci.build.example.com'] })).toBe(true);
    expect(allowed(dns, { dns: ['badexample.com'] })).toBe(false);
  });

  it('matches URI constraints against the host of the URI', () => {
    const uri = { permitted: [{ kind: 'uri' as const, base: 'ci.example.com' }] };
    expect(allowed(uri, { uri: ['https://ci.example.com/org/repo/.github/workflows/sign.yml@refs/heads/main'] })).toBe(
      true,
    );
    expect(allowed(uri, { uri: ['https://ci.example.com.evil.test/x'] })).toBe(false);
    expect(allowed(uri, { uri: ['https://other.ci.example.com/x'] })).toBe(false);
  });

  it('lets excluded subtrees win over permitted ones', () => {
    const c = {
      permitted: [{ kind: 'dns' as const, base: 'example.com' }],
      excluded: [{ kind: 'dns' as const, base: 'untrusted.example.com' }],
    };
    expect(allowed(c, { dns: ['build.example.com'] })).toBe(true);
    expect(allowed(c, { dns: ['x.untrusted.example.com'] })).toBe(false);
  });

  it('leaves names of a kind with no constraint of that kind alone', () => {
    expect(allowed({ permitted: [{ kind: 'email', base: 'example.com' }] }, { uri: ['https://anywhere.test/'] })).toBe(
      true,
    );
  });

  it('fails closed on what it cannot judge: unknown forms, wildcards, host-less URIs, unreadable names, bad e-mail', () => {
    expect(allowed({ unsupported: 'directoryName' }, {})).toBe(false);
    const dns = { excluded: [{ kind: 'dns' as const, base: 'evil.test' }] };
    expect(allowed(dns, { dns: ['*.test'] })).toBe(false);
    const uri = { excluded: [{ kind: 'uri' as const, base: 'evil.test' }] };
    expect(allowed(uri, { uri: ['urn:example:thing'] })).toBe(false);
    expect(allowed(uri, { unreadable: true })).toBe(false);
    const email = { excluded: [{ kind: 'email' as const, base: 'evil.test' }] };
    expect(allowed(email, { email: ['not-an-address'] })).toBe(false);
  });
});
