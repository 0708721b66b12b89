// `npm run icons:teams`: draws the Teams app icons (a white heart) with no image tools: color.png
// (192x192, the accent colour behind the heart) and outline.png (32x32, white on transparent, as
// Teams requires). The PNGs are committed; run this again only to change the drawing.
import { writeFileSync } from 'node:fs';
import { encodePng, type Image } from './png.ts';

export const ACCENT = [0x2e, 0x6f, 0x73] as const; // #2E6F73, the manifest's accentColor

/** Inside the heart curve (x² + y² − 1)³ − x²y³ ≤ 0, with y pointing up. */
function inHeart(x: number, y: number): boolean {
  const a = x * x + y * y - 1;
  return a * a * a - x * x * y * y * y <= 0;
}

/** Coverage of the heart per pixel (0..1), 4x4 samples a pixel for smooth edges. */
function coverage(size: number, scale: number, px: number, py: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const x = ((px + (sx + 0.5) / 4) / size - 0.5) * 2 * scale;
      const y = -((py + (sy + 0.5) / 4) / size - 0.5) * 2 * scale + 0.1 * scale;
      if (inHeart(x, y)) hits++;
    }
  }
  return hits / 16;
}

export function drawIcon(size: number, background: readonly [number, number, number] | null): Image {
  // The heart spans about 2.3 units; scale leaves padding round it (more on the colour icon).
  const scale = background ? 2.2 : 1.4;
  const data = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const c = coverage(size, scale, px, py);
      const i = (py * size + px) * 4;
      if (background) {
        for (let k = 0; k < 3; k++) data[i + k] = Math.round(background[k]! * (1 - c) + 255 * c);
        data[i + 3] = 255;
      } else {
        data.set([255, 255, 255, Math.round(255 * c)], i);
      }
    }
  }
  return { width: size, height: size, data };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = new URL('../manifest/teams/', import.meta.url);
  writeFileSync(new URL('color.png', dir), encodePng(drawIcon(192, ACCENT)));
  writeFileSync(new URL('outline.png', dir), encodePng(drawIcon(32, null)));
  process.stdout.write('wrote manifest/teams/color.png and outline.png\n');
}
