import { existsSync, readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { cjkFont } from '../../src/charts/index.js';
import { SubsetFiles, SubsettableFont, svgCodepoints } from '../../src/charts/subset.js';
import { decodePng, diffCount, inkCount } from './png.js';

const font = new SubsettableFont(readFileSync(cjkFont().file));

function textSvg(text: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60"><text x="10" y="40" font-family="Noto Sans SC" font-size="28px">${text}</text></svg>`;
}

function draw(svg: string, fontFile: string) {
  return decodePng(new Resvg(svg, { background: '#ffffff', font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' } }).render().asPng());
}

describe('font subsets', () => {
  it('draws Chinese exactly as the whole font does, from a file of a few kB', () => {
    const files = new SubsetFiles(cjkFont().file);
    const svg = textSvg('价格战 降价 90%');
    const held = files.acquire(svg);
    try {
      expect(readFileSync(held.path).length).toBeLessThan(40_000);
      const sub = draw(svg, held.path);
      const whole = draw(svg, cjkFont().file);
      expect(inkCount(sub, 0, 0, sub.width, sub.height)).toBeGreaterThan(500);
      // No kerning pair here, and the outlines are the same bytes: the same pixels.
      expect(diffCount(sub, whole, 0, 0, sub.width, sub.height)).toBe(0);
    } finally {
      held.release();
    }
  });

  it('holds only the characters of its SVG: others come out as the .notdef box, not their glyph', () => {
    const files = new SubsetFiles(cjkFont().file);
    const held = files.acquire(textSvg('价格'));
    try {
      const a = draw(textSvg('战'), held.path);
      const b = draw(textSvg('降'), held.path);
      // Both missing: the same box. With the whole font they differ.
      expect(diffCount(a, b, 0, 0, a.width, a.height)).toBe(0);
      const A = draw(textSvg('战'), cjkFont().file);
      const B = draw(textSvg('降'), cjkFont().file);
      expect(diffCount(A, B, 0, 0, A.width, A.height)).toBeGreaterThan(100);
    } finally {
      held.release();
    }
  });

  it('reads characters written as character references', () => {
    const cps = svgCodepoints('<text>&#20215;&#x683C;&amp;</text>');
    expect(cps.has(0x4ef7)).toBe(true); // 价
    expect(cps.has(0x683c)).toBe(true); // 格
    expect(cps.has('A'.codePointAt(0)!)).toBe(true); // printable ASCII always
    // A character beyond the BMP counts once, as itself, not as two surrogate halves.
    const astral = svgCodepoints('<text>\u{20000}</text>');
    expect(astral.has(0x20000)).toBe(true);
    expect([...astral].some((cp) => cp >= 0xd800 && cp <= 0xdfff)).toBe(false);
  });

  it('maps its own characters and no others, and is itself a font that subsets again', () => {
    const subset = new SubsettableFont(font.subset([...'价格é'].map((c) => c.codePointAt(0)!)));
    for (const c of '价格é') expect(subset.glyphOf(c.codePointAt(0)!)).toBeGreaterThan(0);
    expect(subset.glyphOf('战'.codePointAt(0)!)).toBe(0);
    expect(subset.glyphOf('a'.codePointAt(0)!)).toBe(0);
    const again = new SubsettableFont(subset.subset(['格'.codePointAt(0)!]));
    expect(again.glyphOf('格'.codePointAt(0)!)).toBe(1);
    expect(again.glyphOf('价'.codePointAt(0)!)).toBe(0);
  });

  it('keeps a bounded number of files, never removing one a render still reads', () => {
    const files = new SubsetFiles(cjkFont().file, 2);
    const first = files.acquire(textSvg('一'));
    const paths = ['二', '三', '四'].map((t) => {
      const h = files.acquire(textSvg(t));
      h.release();
      return h.path;
    });
    expect(existsSync(first.path)).toBe(true);
    expect(paths.filter((p) => existsSync(p)).length).toBe(1);
    first.release();
    files.acquire(textSvg('五')).release();
    expect(existsSync(first.path)).toBe(false);
  });
});
