// ========================================================================================
// SECURITY: X.509 name constraints (RFC 5280 4.2.1.10) for certificate-chain trust.
// A CA may be limited to issuing for some names (an e-mail domain, a host). We evaluate the
// name forms a model signer's certificate carries (rfc822Name, dNSName, URI) and FAIL CLOSED
// on every other form (directoryName, iPAddress, otherName, ...): a chain whose constraints
// we cannot evaluate is rejected, never accepted with the constraint ignored.
// ========================================================================================
import type { ASN1Obj } from '@sigstore/core';

export type NameKind = 'email' | 'dns' | 'uri';

/**
 * The names a certificate asserts, by kind: its subjectAltName and subject e-mail.
 * `unreadable` is set when a name of a kind we evaluate could not be read (not ASCII,
 * wrongly encoded): any name constraint above such a certificate then rejects it.
 */
export type CertNames = Record<NameKind, string[]> & { unreadable: boolean };

interface Subtree {
  kind: NameKind;
  base: string;
}

/** A parsed nameConstraints extension; `unsupported` names a form we cannot evaluate. */
export interface NameConstraints {
  permitted: Subtree[];
  excluded: Subtree[];
  unsupported: string | null;
}

// GeneralName CHOICE tags (context-specific), RFC 5280 4.2.1.6.
const GENERAL_NAME_FORMS = [
  'otherName',
  'rfc822Name',
  'dNSName',
  'x400Address',
  'directoryName',
  'ediPartyName',
  'uniformResourceIdentifier',
  'iPAddress',
  'registeredID',
];
const KIND_BY_TAG: Partial<Record<number, NameKind>> = { 1: 'email', 2: 'dns', 6: 'uri' };

/** Reads an IA5String-valued GeneralName; null when it is not plain printable ASCII. */
export function ia5(obj: ASN1Obj): string | null {
  if (obj.tag.constructed) return null;
  const text = obj.value.toString('latin1');
  return /^[\x20-\x7e]*$/.test(text) ? text : null;
}

/**
 * Reads the GeneralName at `obj` as one of the kinds we evaluate, or returns the name of
 * its form when we do not evaluate it (or it is malformed).
 */
export function readGeneralName(obj: ASN1Obj): { kind: NameKind; value: string } | { unsupported: string } {
  const form = GENERAL_NAME_FORMS[obj.tag.number] ?? `tag ${obj.tag.number}`;
  const kind = obj.tag.isContextSpecific() ? KIND_BY_TAG[obj.tag.number] : undefined;
  const value = kind ? ia5(obj) : null;
  if (!kind || value === null) return { unsupported: form };
  return { kind, value };
}

/** Parses a nameConstraints extension value (the SEQUENCE inside extnValue). Throws on malformed DER. */
export function parseNameConstraints(value: ASN1Obj): NameConstraints {
  const result: NameConstraints = { permitted: [], excluded: [], unsupported: null };
  if (!value.tag.isUniversal() || value.tag.number !== 0x10) throw new Error('nameConstraints is not a SEQUENCE');
  for (const list of value.subs) {
    const target = list.tag.isContextSpecific(0)
      ? result.permitted
      : list.tag.isContextSpecific(1)
        ? result.excluded
        : null;
    if (!target || !list.tag.constructed) throw new Error('nameConstraints has an unknown member');
    for (const subtree of list.subs) {
      const [base, ...bounds] = subtree.subs;
      if (!base) throw new Error('empty GeneralSubtree');
      // RFC 5280: minimum MUST be zero and maximum MUST be absent; anything else we refuse.
      if (bounds.length > 0) {
        result.unsupported ??= 'subtree with minimum/maximum';
        continue;
      }
      const name = readGeneralName(base);
      if ('unsupported' in name) result.unsupported ??= name.unsupported;
      else target.push({ kind: name.kind, base: name.value });
    }
  }
  return result;
}

function splitEmail(address: string): { local: string; host: string } | null {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return null;
  return { local: address.slice(0, at), host: address.slice(at + 1).toLowerCase() };
}

function hostIn(host: string, base: string, subdomainsOfPlainBase: boolean): boolean {
  const b = base.toLowerCase();
  if (b === '') return true;
  if (b.startsWith('.')) return host.endsWith(b);
  return host === b || (subdomainsOfPlainBase && host.endsWith(`.${b}`));
}

function uriHost(uri: string): string | null {
  try {
    const host = new URL(uri).hostname;
    return host === '' ? null : host.toLowerCase();
  } catch {
    return null;
  }
}

// True / false when the name is / is not within the subtree; null when the name cannot be
// read well enough to say (treated as a violation either way: fail closed).
function within(kind: NameKind, name: string, base: string): boolean | null {
  if (kind === 'dns') {
    if (name.includes('*')) return null; // wildcards: which hosts they cover is not ours to guess
    return hostIn(name.toLowerCase().replace(/\.$/, ''), base.replace(/\.$/, ''), true);
  }
  if (kind === 'email') {
    const addr = splitEmail(name);
    if (!addr) return null;
    if (base.includes('@')) {
      const want = splitEmail(base);
      return want !== null && addr.local === want.local && addr.host === want.host;
    }
    return hostIn(addr.host, base, false);
  }
  const host = uriHost(name);
  if (host === null) return null;
  return hostIn(host, base, false);
}

/**
 * Checks `names` against `constraints`. Returns null when allowed, else a reason a reader
 * can follow. Constraints of a form we cannot evaluate always yield a reason.
 */
export function nameConstraintViolation(constraints: NameConstraints, names: CertNames): string | null {
  if (constraints.unsupported) return `name constraints of a form this app cannot check (${constraints.unsupported})`;
  if (names.unreadable) return 'a name that cannot be read is under name constraints';
  for (const kind of ['email', 'dns', 'uri'] as const) {
    const permitted = constraints.permitted.filter((s) => s.kind === kind);
    const excluded = constraints.excluded.filter((s) => s.kind === kind);
    for (const name of names[kind]) {
      if (permitted.length > 0 && !permitted.some((s) => within(kind, name, s.base) === true))
        return `the name ${name} is outside the names its issuing CA may certify`;
      if (excluded.some((s) => within(kind, name, s.base) !== false))
        return `the name ${name} is excluded by its issuing CA's name constraints`;
    }
  }
  return null;
}
