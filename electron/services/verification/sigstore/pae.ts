// DSSE pre-authentication encoding (PAE), the exact bytes a DSSE signature covers:
//   "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body
// where LEN is the ASCII decimal count of BYTES (not characters). Getting the byte count
// wrong for a non-ASCII payload type would make us accept or reject the wrong bytes, so
// this is our own small, tested function rather than an assumption about a library.

const encoder = new TextEncoder();

/** The bytes a DSSE envelope signature is computed over. */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Buffer {
  const typeBytes = encoder.encode(payloadType);
  return Buffer.concat([
    encoder.encode(`DSSEv1 ${typeBytes.length} `),
    typeBytes,
    encoder.encode(` ${payload.length} `),
    payload,
  ]);
}

/**
 * Python's `repr()` of a bytes value (`b'...'`), byte for byte. Needed only to rebuild the
 * buggy encoding below; exported for its test.
 */
export function pythonBytesRepr(data: Uint8Array): string {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // Python picks double quotes only when the bytes hold a ' and no ".
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? 0x22 : 0x27;
  // Written byte by byte into one buffer: payloads can be megabytes, string building is slow.
  const out = Buffer.allocUnsafe(bytes.length * 4 + 3);
  const hex = '0123456789abcdef';
  let n = 0;
  out[n++] = 0x62; // b
  out[n++] = quote;
  for (const b of bytes) {
    const escape =
      b === 0x5c ? 0x5c : b === quote ? quote : b === 0x09 ? 0x74 : b === 0x0a ? 0x6e : b === 0x0d ? 0x72 : -1;
    if (escape >= 0) {
      out[n++] = 0x5c;
      out[n++] = escape;
    } else if (b < 0x20 || b >= 0x7f) {
      out[n++] = 0x5c;
      out[n++] = 0x78; // x
      out[n++] = hex.charCodeAt(b >> 4);
      out[n++] = hex.charCodeAt(b & 15);
    } else out[n++] = b;
  }
  out[n++] = quote;
  return out.toString('latin1', 0, n);
}

/**
 * The encoding model_signing 0.2.0 actually signed: a Python string built from the
 * payload's `repr()` ("DSSEV1 <len> <type> <len> b'...'"), not real PAE. Signatures from
 * that release verify only against these bytes; the reference verifier accepts them as a
 * fallback for in-toto payloads, and so do we, in key and CA-chain modes only. The bytes
 * start "DSSEV1" (capital V), so they can never collide with a real PAE.
 */
export function legacyModelSigningPae(payloadType: string, payload: Uint8Array): Buffer {
  return Buffer.from(
    `DSSEV1 ${[...payloadType].length} ${payloadType} ${payload.length} ${pythonBytesRepr(payload)}`,
    'utf8',
  );
}
