// Renders icon.png (512x512, RGBA) from the same geometry as icon.svg, with no image
// tooling: shapes are rasterised with 4x4 supersampling and written as a PNG via zlib.
// Run: npx node assets/icons/render-icon.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Pt = [number, number];
type Rgba = [number, number, number, number];

const SIZE = 512;
const SS = 4;
const BG: Rgba = [0x0f, 0x2a, 0x3d, 255];
const SHIELD: Rgba = [0x1f, 0x6f, 0x8b, 255];
const INK: Rgba = [0xe8, 0xf1, 0xf5, 255];

function cubic(p0: Pt, p1: Pt, p2: Pt, p3: Pt, steps = 48): Pt[] {
  const out: Pt[] = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    out.push([
      u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0],
      u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1],
    ]);
  }
  return out;
}

// M256 72 L400 128 V248 C400 344 340 408 256 440 C172 408 112 344 112 248 V128 Z
const shield: Pt[] = [
  [256, 72],
  [400, 128],
  [400, 248],
  ...cubic([400, 248], [400, 344], [340, 408], [256, 440]),
  ...cubic([256, 440], [172, 408], [112, 344], [112, 248]),
  [112, 128],
];
const check: Pt[] = [
  [186, 262],
  [236, 312],
  [334, 206],
];

function inPolygon(x: number, y: number, poly: Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function segmentDistance(x: number, y: number, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

function polylineDistance(x: number, y: number, pts: Pt[], closed: boolean): number {
  let best = Infinity;
  const n = closed ? pts.length : pts.length - 1;
  for (let i = 0; i < n; i++) best = Math.min(best, segmentDistance(x, y, pts[i]!, pts[(i + 1) % pts.length]!));
  return best;
}

function inRoundedRect(x: number, y: number, size: number, r: number): boolean {
  const cx = Math.min(Math.max(x, r), size - r);
  const cy = Math.min(Math.max(y, r), size - r);
  return x >= 0 && y >= 0 && x <= size && y <= size && Math.hypot(x - cx, y - cy) <= r;
}

function colourAt(x: number, y: number): Rgba {
  if (polylineDistance(x, y, check, false) <= 18) return INK;
  if (polylineDistance(x, y, shield, true) <= 10) return INK;
  if (inPolygon(x, y, shield)) return SHIELD;
  if (inRoundedRect(x, y, SIZE, 96)) return BG;
  return [0, 0, 0, 0];
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  raw[py * (SIZE * 4 + 1)] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = colourAt(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
        // premultiplied accumulation so transparent corners do not darken the edge
        acc[0]! += (c[0] * c[3]) / 255;
        acc[1]! += (c[1] * c[3]) / 255;
        acc[2]! += (c[2] * c[3]) / 255;
        acc[3]! += c[3];
      }
    }
    const a = acc[3]! / (SS * SS);
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    const un = a === 0 ? 0 : 255 / a / (SS * SS);
    raw[o] = Math.round(acc[0]! * un);
    raw[o + 1] = Math.round(acc[1]! * un);
    raw[o + 2] = Math.round(acc[2]! * un);
    raw[o + 3] = Math.round(a);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // colour type: RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
