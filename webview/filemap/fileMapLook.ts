/** How a bucket of the file map looks: its class (for colour, hover and the test marker) from its numbers. */
export type BucketClass = 'hole' | 'zero' | 'random' | 'text' | 'binary';

/** One letter per class in the strip's data-classes marker ('.' for a bucket not computed yet). */
export const CLASS_LETTER: Record<BucketClass, string> = { hole: 'h', zero: 'z', random: 'r', text: 't', binary: 'b' };

export const CLASS_LABEL: Record<BucketClass, string> = {
  hole: 'sparse hole (never read)',
  zero: 'zero fill',
  random: 'high entropy: compressed, encrypted or random',
  text: 'text',
  binary: 'binary data or code',
};

export interface BucketValues {
  entropyMin: number;
  entropyMax: number;
  entropyMean: number;
  zero: number;
  text: number;
  high: number;
  hole: number;
}

/** Mean entropy at or above this (bits per byte) reads as compressed or encrypted: random bytes give 7.95 per 4 KiB block. */
export const RANDOM_ENTROPY = 7.2;

export function classify(v: BucketValues): BucketClass {
  if (v.hole >= 0.5) return 'hole';
  if (v.zero >= 0.9) return 'zero';
  if (v.entropyMean >= RANDOM_ENTROPY) return 'random';
  if (v.text >= 0.85) return 'text';
  return 'binary';
}

/** Reads bucket `index` out of the flat values (7 numbers per bucket). */
export function bucketAt(values: Float64Array, index: number): BucketValues {
  const at = index * 7;
  return { entropyMin: values[at], entropyMax: values[at + 1], entropyMean: values[at + 2], zero: values[at + 3], text: values[at + 4], high: values[at + 5], hole: values[at + 6] };
}

type Rgb = [number, number, number];

/** Mixes two colours: t = 0 gives a, 1 gives b. */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t)) as Rgb;
}

/** '#rgb', '#rrggbb', '#rrggbbaa', 'rgb(…)' or 'rgba(…)' as [r, g, b]; undefined otherwise. */
export function parseColour(text: string): Rgb | undefined {
  const s = text.trim();
  let m = /^#([0-9a-f]{3})$/i.exec(s);
  if (m) return [...m[1]].map((c) => parseInt(c + c, 16)) as Rgb;
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(s);
  if (m) return [0, 2, 4].map((i) => parseInt(m![1].slice(i, i + 2), 16)) as Rgb;
  m = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(s);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  return undefined;
}

export const rgb = (c: Rgb, alpha = 1): string => (alpha >= 1 ? `rgb(${c[0]}, ${c[1]}, ${c[2]})` : `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${alpha})`);

/** The theme's colours for the map (VS Code's chart colours, which every theme sets), with fallbacks. */
export interface MapPalette {
  low: Rgb;
  mid: Rgb;
  high: Rgb;
  text: Rgb;
  binary: Rgb;
  zero: Rgb;
  background: Rgb;
}

export function readPalette(style: CSSStyleDeclaration): MapPalette {
  const get = (name: string, fallback: Rgb): Rgb => parseColour(style.getPropertyValue(name)) ?? fallback;
  return {
    low: get('--vscode-charts-blue', [55, 148, 255]),
    mid: get('--vscode-charts-yellow', [204, 167, 0]),
    high: get('--vscode-charts-red', [241, 76, 76]),
    text: get('--vscode-charts-green', [137, 209, 133]),
    binary: get('--vscode-charts-purple', [179, 128, 255]),
    zero: get('--vscode-descriptionForeground', [128, 128, 128]),
    background: get('--vscode-editor-background', [30, 30, 30]),
  };
}

/** The entropy lane's colour: blue (0 bits) through yellow (6) to red (8). */
export function entropyColour(p: MapPalette, entropy: number): string {
  const e = Math.max(0, Math.min(8, entropy));
  return rgb(e <= 6 ? mix(p.low, p.mid, e / 6) : mix(p.mid, p.high, (e - 6) / 2));
}

/** The class lane's colour. */
export function classColour(p: MapPalette, c: BucketClass): string {
  if (c === 'text') return rgb(p.text);
  if (c === 'random') return rgb(p.high);
  if (c === 'binary') return rgb(p.binary);
  return rgb(mix(p.background, p.zero, 0.3)); // zero: a faint grey; holes are striped over it
}
