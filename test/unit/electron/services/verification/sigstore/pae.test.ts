import { describe, expect, it } from 'vitest';
import {
  legacyModelSigningPae,
  preAuthEncoding,
  pythonBytesRepr,
} from '../../../../../../electron/services/verification/sigstore/pae.ts';

describe('DSSE pre-authentication encoding', () => {
  it('matches the example in the DSSE protocol specification', () => {
    const pae = preAuthEncoding('http://example.com/HelloWorld', Buffer.from('hello world'));
    expect(pae.toString('utf8')).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('counts bytes, not characters, for non-ASCII payload types and payloads', () => {
    const pae = preAuthEncoding('application/é', Buffer.from('ü', 'utf8'));
    expect(pae.toString('utf8')).toBe('DSSEv1 14 application/é 2 ü');
  });

  it('keeps binary payloads byte for byte', () => {
    const payload = Buffer.from([0, 255, 10, 32]);
    const pae = preAuthEncoding('t', payload);
    expect(pae.subarray(pae.length - 4)).toEqual(payload);
    expect(pae.subarray(0, pae.length - 4).toString()).toBe('DSSEv1 1 t 4 ');
  });
});

describe("model_signing 0.2.0's legacy encoding", () => {
  it("reproduces Python's repr() of bytes, including its quote choice and escapes", () => {
    // Expected strings are what CPython 3 prints for repr(b'...') of the same bytes.
    expect(pythonBytesRepr(Buffer.from('abc'))).toBe("b'abc'");
    expect(pythonBytesRepr(Buffer.from("it's"))).toBe('b"it\'s"');
    expect(pythonBytesRepr(Buffer.from('a\'b"c'))).toBe("b'a\\'b\"c'");
    expect(pythonBytesRepr(Buffer.from('x\\y\n\t\r'))).toBe("b'x\\\\y\\n\\t\\r'");
    expect(pythonBytesRepr(Buffer.from([0x00, 0x7f, 0xff, 0x1f]))).toBe("b'\\x00\\x7f\\xff\\x1f'");
  });

  it('builds "DSSEV1 <len> <type> <len> b\'...\'" as that release signed it', () => {
    const payload = Buffer.from('{\n  "a": 1\n}');
    expect(legacyModelSigningPae('application/vnd.in-toto+json', payload).toString()).toBe(
      `DSSEV1 28 application/vnd.in-toto+json ${payload.length} b'{\\n  "a": 1\\n}'`,
    );
  });
});
