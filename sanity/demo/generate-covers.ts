// Renders the demo images from SVG (abstract gradients and shapes, no text, so no fonts needed).
// Run `node sanity/demo/generate-covers.ts`; the JPEGs in images/ are committed.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'

const OUTPUT_DIR = join(import.meta.dirname, 'images')
const COVER = { width: 1200, height: 630 }
const PORTRAIT = { width: 400, height: 400 }
const MAX_BYTES = 80_000

type Art = {
  name: string
  size: { width: number; height: number }
  colors: [string, string, string]
  shapes: string
}

const circles = (specs: Array<[number, number, number, string, number]>) =>
  specs
    .map(
      ([cx, cy, r, fill, opacity]) =>
        `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}" opacity="${opacity}"/>`,
    )
    .join('')

const wave = (y: number, amplitude: number, fill: string, opacity: number) =>
  `<path d="M0 ${y} C 300 ${y - amplitude}, 500 ${y + amplitude}, 800 ${y} S 1100 ${y - amplitude}, 1200 ${y} V 630 H 0 Z" fill="${fill}" opacity="${opacity}"/>`

const bands = (color: string, count: number) =>
  Array.from(
    { length: count },
    (_, index) =>
      `<rect x="${-200 + index * 260}" y="-100" width="90" height="900" fill="${color}" opacity="${0.12 + index * 0.04}" transform="rotate(28 600 315)"/>`,
  ).join('')

const arts: Art[] = [
  {
    name: 'leg-cramps',
    size: COVER,
    colors: ['#0f5e63', '#2a9d8f', '#f4a261'],
    shapes: wave(360, 120, '#e76f51', 0.55) + wave(450, 90, '#264653', 0.6) + wave(540, 60, '#f4a261', 0.5),
  },
  {
    name: 'hydration',
    size: COVER,
    colors: ['#023e8a', '#0077b6', '#90e0ef'],
    shapes:
      wave(200, 60, '#48cae4', 0.35) +
      wave(330, 80, '#00b4d8', 0.35) +
      circles([
        [900, 160, 40, '#caf0f8', 0.5],
        [960, 240, 22, '#caf0f8', 0.4],
        [220, 120, 30, '#caf0f8', 0.35],
      ]),
  },
  { name: 'stretching', size: COVER, colors: ['#3c096c', '#7b2cbf', '#ffb703'], shapes: bands('#ffd166', 6) },
  {
    name: 'magnesium',
    size: COVER,
    colors: ['#2d6a4f', '#52b788', '#e9c46a'],
    shapes: circles([
      [300, 300, 220, '#95d5b2', 0.45],
      [620, 260, 180, '#e9c46a', 0.45],
      [880, 380, 200, '#1b4332', 0.35],
      [1050, 150, 90, '#d8f3dc', 0.4],
    ]),
  },
  {
    name: 'running',
    size: COVER,
    colors: ['#0b132b', '#1c2541', '#3a506b'],
    shapes: bands('#ff7b54', 4) + bands('#ffb26b', 3),
  },
  {
    name: 'sleep',
    size: COVER,
    colors: ['#10002b', '#240046', '#3c096c'],
    shapes:
      circles([
        [820, 290, 170, '#e0e1dd', 0.9],
        [890, 240, 160, '#1d0442', 1],
      ]) +
      circles([
        [200, 100, 4, '#fff', 0.8],
        [320, 220, 3, '#fff', 0.7],
        [480, 80, 5, '#fff', 0.6],
        [620, 300, 3, '#fff', 0.7],
        [1040, 520, 4, '#fff', 0.6],
        [140, 480, 3, '#fff', 0.6],
      ]),
  },
  {
    name: 'desk-moves',
    size: COVER,
    colors: ['#b7b7a4', '#cb997e', '#ddbea9'],
    shapes: Array.from(
      { length: 12 },
      (_, index) =>
        `<rect x="${80 + (index % 4) * 270}" y="${70 + Math.floor(index / 4) * 170}" width="220" height="120" rx="18" fill="${index === 6 ? '#6b705c' : '#ffe8d6'}" opacity="0.7" ${index === 6 ? 'transform="rotate(-12 700 300)"' : ''}/>`,
    ).join(''),
  },
  {
    name: 'strength',
    size: COVER,
    colors: ['#212529', '#343a40', '#495057'],
    shapes: [0, 1, 2, 3]
      .map(
        (index) =>
          `<rect x="${360 + index * 30}" y="${470 - index * 120}" width="${480 - index * 60}" height="100" rx="10" fill="${index % 2 ? '#f77f00' : '#fcbf49'}" opacity="0.9"/>`,
      )
      .join(''),
  },
  {
    name: 'mindful-eating',
    size: COVER,
    colors: ['#fefae0', '#faedcd', '#d4a373'],
    shapes: circles([
      [600, 315, 260, '#bc6c25', 0.35],
      [600, 315, 200, '#fefae0', 0.8],
      [600, 315, 140, '#dda15e', 0.45],
      [600, 315, 70, '#fefae0', 0.9],
    ]),
  },
  {
    name: 'breathing',
    size: COVER,
    colors: ['#cddafd', '#dfe7fd', '#e2cfea'],
    shapes: circles([
      [600, 315, 280, '#a0c4ff', 0.25],
      [600, 315, 210, '#bdb2ff', 0.3],
      [600, 315, 140, '#9bb1ff', 0.35],
      [600, 315, 70, '#ffffff', 0.6],
    ]),
  },
  {
    name: 'stretch-diagram',
    size: { width: 1200, height: 800 },
    colors: ['#f8f9fa', '#e9ecef', '#dee2e6'],
    shapes: `<rect x="980" y="60" width="40" height="680" fill="#adb5bd"/><line x1="520" y1="730" x2="880" y2="220" stroke="#457b9d" stroke-width="46" stroke-linecap="round"/><line x1="880" y1="220" x2="980" y2="330" stroke="#457b9d" stroke-width="34" stroke-linecap="round"/><line x1="700" y1="470" x2="800" y2="730" stroke="#1d3557" stroke-width="40" stroke-linecap="round"/><circle cx="900" cy="150" r="60" fill="#e63946"/><line x1="120" y1="740" x2="1080" y2="740" stroke="#6c757d" stroke-width="8"/>`,
  },
  {
    name: 'author-maya-chen',
    size: PORTRAIT,
    colors: ['#2a9d8f', '#264653', '#e76f51'],
    shapes: `<circle cx="200" cy="160" r="80" fill="#f4a261" opacity="0.9"/><path d="M60 400 C 80 260, 320 260, 340 400 Z" fill="#e76f51" opacity="0.85"/>`,
  },
  {
    name: 'author-daniel-okafor',
    size: PORTRAIT,
    colors: ['#3a0ca3', '#4361ee', '#ffb703'],
    shapes: `<circle cx="200" cy="160" r="80" fill="#ffb703" opacity="0.9"/><path d="M60 400 C 80 260, 320 260, 340 400 Z" fill="#fb8500" opacity="0.85"/>`,
  },
]

function toSvg({ size, colors: [from, middle, to], shapes }: Art): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" viewBox="0 0 ${size.width} ${size.height}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="0.55" stop-color="${middle}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/>${shapes}</svg>`
}

mkdirSync(OUTPUT_DIR, { recursive: true })
for (const art of arts) {
  const file = join(OUTPUT_DIR, `${art.name}.jpg`)
  const info = await sharp(Buffer.from(toSvg(art)))
    .jpeg({ quality: 78, mozjpeg: true })
    .toFile(file)
  if (info.size > MAX_BYTES)
    throw new Error(`${art.name}.jpg is ${info.size} bytes, over the ${MAX_BYTES}-byte budget`)
  console.log(`${art.name}.jpg ${info.width}x${info.height} ${info.size} bytes`)
}
