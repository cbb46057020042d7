// Writes the Teams icons (color.png 192x192, outline.png 32x32 white on transparent) without image libraries.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// A shield with a check mark: inside the shield, on the check stroke.
const inShield = (u: number, v: number) => Math.abs(u - 0.5) < 0.32 * (v < 0.55 ? 1 : (1 - v) / 0.45) && v > 0.15 && v < 0.95;
const onCheck = (u: number, v: number) => {
  const d1 = Math.abs(v - 0.55 - (u - 0.36)) / Math.SQRT2;
  const d2 = Math.abs(v - 0.67 + (u - 0.48)) / Math.SQRT2;
  return (d1 < 0.035 && u > 0.33 && u < 0.48) || (d2 < 0.035 && u > 0.46 && u < 0.68);
};

writeFileSync(
  new URL('../color.png', import.meta.url),
  png(192, (x, y) => {
    const u = x / 192,
      v = y / 192;
    if (onCheck(u, v) && inShield(u, v)) return [255, 255, 255, 255];
    return inShield(u, v) ? [200, 16, 46, 255] : [255, 255, 255, 255];
  }),
);
writeFileSync(
  new URL('../outline.png', import.meta.url),
  png(32, (x, y) => {
    const u = (x + 0.5) / 32,
      v = (y + 0.5) / 32;
    const edge = inShield(u, v) && !inShield(0.5 + (u - 0.5) * 1.25, 0.55 + (v - 0.55) * 1.2);
    return edge || (onCheck(u, v) && inShield(u, v)) ? [255, 255, 255, 255] : [0, 0, 0, 0];
  }),
);
