// A per-chart subset of the bundled CJK font (issue #15).
//
// resvg-js 2.6 takes fonts only as file paths and keeps nothing between
// renders; usvg then reads the face's data from that file again for every
// text chunk it lays out. With the 10.5 MB Noto Sans SC file that was most of
// a chart's time (~250–800 ms per PNG, against ~6 ms for the same SVG without
// text). So each chart gets a font file holding only the outlines of the
// characters its SVG contains, written once per distinct character set and
// reused.
//
// The subset holds .notdef, the glyphs of those characters and the glyphs
// their composite outlines are built from, renumbered from 0, with their
// advances and side bearings: a 10–30 kB file. Rebuilt: glyf, loca, hmtx,
// hhea, maxp, head, post (version 3, no names), cmap (one format-12 table).
// Copied: OS/2 and name (fontdb reads the family and weight from them) and
// the hinting tables. Dropped, since they name old glyph ids: GSUB (its
// Latin ligatures such as "fi" are drawn as separate letters; its localized,
// full-width and vertical forms are not used by chart labels), GPOS and GDEF
// (Latin kerning: a pair such as "AV" sits up to a pixel wider; vega lays the
// labels out with its own metrics anyway), the vertical metrics, BASE, STAT
// and DSIG.
//
// The font file is parsed once per process (its table directory and cmap);
// building a subset is a binary search per character plus a copy of the kept
// outlines, about a millisecond.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Table {
  readonly offset: number;
  readonly length: number;
}

/** A TrueType (glyf-outline) font parsed just enough to subset it. */
export class SubsettableFont {
  private readonly tables = new Map<string, Table>();
  private readonly glyphCount: number;
  private readonly longLoca: boolean;
  private readonly cmapLookup: (codepoint: number) => number;

  constructor(private readonly data: Buffer) {
    const version = data.readUInt32BE(0);
    if (version !== 0x00010000 && version !== 0x74727565) throw new Error('font subset: not a TrueType (glyf) font');
    const count = data.readUInt16BE(4);
    for (let i = 0; i < count; i++) {
      const at = 12 + i * 16;
      this.tables.set(data.toString('latin1', at, at + 4), { offset: data.readUInt32BE(at + 8), length: data.readUInt32BE(at + 12) });
    }
    for (const tag of ['head', 'maxp', 'cmap', 'loca', 'glyf', 'hmtx', 'hhea']) {
      if (!this.tables.has(tag)) throw new Error(`font subset: the font has no ${tag} table`);
    }
    this.glyphCount = data.readUInt16BE(this.table('maxp').offset + 4);
    this.longLoca = data.readInt16BE(this.table('head').offset + 50) === 1;
    this.cmapLookup = this.parseCmap();
  }

  private table(tag: string): Table {
    return this.tables.get(tag) as Table;
  }

  /** The glyph id for a character (0, the .notdef glyph, when the font lacks it). */
  glyphOf(codepoint: number): number {
    return this.cmapLookup(codepoint);
  }

  private parseCmap(): (codepoint: number) => number {
    const d = this.data;
    const cmap = this.table('cmap').offset;
    const subtables: { platform: number; encoding: number; at: number; format: number }[] = [];
    for (let i = 0; i < d.readUInt16BE(cmap + 2); i++) {
      const rec = cmap + 4 + i * 8;
      const at = cmap + d.readUInt32BE(rec + 4);
      subtables.push({ platform: d.readUInt16BE(rec), encoding: d.readUInt16BE(rec + 2), at, format: d.readUInt16BE(at) });
    }
    // Full Unicode (format 12) first; the BMP-only format 4 otherwise.
    const full = subtables.find((s) => s.format === 12 && (s.platform === 0 || (s.platform === 3 && s.encoding === 10)));
    if (full !== undefined) {
      const groups = d.readUInt32BE(full.at + 12);
      return (cp) => {
        let lo = 0;
        let hi = groups - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >>> 1;
          const g = full.at + 16 + mid * 12;
          const start = d.readUInt32BE(g);
          const end = d.readUInt32BE(g + 4);
          if (cp < start) hi = mid - 1;
          else if (cp > end) lo = mid + 1;
          else return d.readUInt32BE(g + 8) + (cp - start);
        }
        return 0;
      };
    }
    const bmp = subtables.find((s) => s.format === 4 && (s.platform === 0 || (s.platform === 3 && s.encoding === 1)));
    if (bmp === undefined) throw new Error('font subset: no Unicode cmap subtable');
    const segX2 = d.readUInt16BE(bmp.at + 6);
    const ends = bmp.at + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const rangeOffsets = deltas + segX2;
    return (cp) => {
      if (cp > 0xffff) return 0;
      for (let seg = 0; seg < segX2; seg += 2) {
        if (cp > d.readUInt16BE(ends + seg)) continue;
        const start = d.readUInt16BE(starts + seg);
        if (cp < start) return 0;
        const rangeOffset = d.readUInt16BE(rangeOffsets + seg);
        if (rangeOffset === 0) return (cp + d.readInt16BE(deltas + seg)) & 0xffff;
        const glyph = d.readUInt16BE(rangeOffsets + seg + rangeOffset + (cp - start) * 2);
        return glyph === 0 ? 0 : (glyph + d.readInt16BE(deltas + seg)) & 0xffff;
      }
      return 0;
    };
  }

  private glyphRange(gid: number): [number, number] {
    const loca = this.table('loca').offset;
    const d = this.data;
    return this.longLoca ? [d.readUInt32BE(loca + gid * 4), d.readUInt32BE(loca + gid * 4 + 4)] : [d.readUInt16BE(loca + gid * 2) * 2, d.readUInt16BE(loca + gid * 2 + 2) * 2];
  }

  /** Composite glyphs are drawn from other glyphs: those must be kept too. */
  private addWithComponents(gid: number, keep: Set<number>): void {
    if (gid >= this.glyphCount || keep.has(gid)) return;
    keep.add(gid);
    const [start, end] = this.glyphRange(gid);
    if (end <= start) return;
    const d = this.data;
    const glyph = this.table('glyf').offset + start;
    if (d.readInt16BE(glyph) >= 0) return;
    let at = glyph + 10;
    for (;;) {
      const flags = d.readUInt16BE(at);
      this.addWithComponents(d.readUInt16BE(at + 2), keep);
      at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
      if (!(flags & 0x0020)) break;
    }
  }

  /** A complete TrueType file with the glyphs of `codepoints` (and .notdef) only, renumbered 0…n-1. */
  subset(codepoints: Iterable<number>): Buffer {
    const d = this.data;
    const keep = new Set<number>();
    this.addWithComponents(0, keep);
    const mapped: [number, number][] = [];
    for (const cp of codepoints) {
      const gid = this.glyphOf(cp);
      if (gid === 0) continue;
      mapped.push([cp, gid]);
      this.addWithComponents(gid, keep);
    }
    const order = [...keep].sort((a, b) => a - b); // .notdef stays first
    const newId = new Map(order.map((old, i) => [old, i]));

    const glyf = this.table('glyf').offset;
    const pieces: Buffer[] = [];
    const loca = Buffer.alloc((order.length + 1) * 4);
    let size = 0;
    order.forEach((old, gid) => {
      loca.writeUInt32BE(size, gid * 4);
      const [start, end] = this.glyphRange(old);
      if (end <= start) return;
      const piece = Buffer.alloc((end - start + 3) & ~3);
      d.copy(piece, 0, glyf + start, glyf + end);
      if (piece.readInt16BE(0) < 0) this.renumberComponents(piece, newId);
      pieces.push(piece);
      size += piece.length;
    });
    loca.writeUInt32BE(size, order.length * 4);

    // Every glyph gets a full (advance, left side bearing) pair.
    const hmtxAt = this.table('hmtx').offset;
    const longMetrics = d.readUInt16BE(this.table('hhea').offset + 34);
    const hmtx = Buffer.alloc(order.length * 4);
    order.forEach((old, gid) => {
      const advance = d.readUInt16BE(hmtxAt + 4 * Math.min(old, longMetrics - 1));
      const lsb = old < longMetrics ? d.readInt16BE(hmtxAt + 4 * old + 2) : d.readInt16BE(hmtxAt + 4 * longMetrics + 2 * (old - longMetrics));
      hmtx.writeUInt16BE(advance, gid * 4);
      hmtx.writeInt16BE(lsb, gid * 4 + 2);
    });
    const hhea = Buffer.from(this.slice('hhea'));
    hhea.writeUInt16BE(order.length, 34);
    const maxp = Buffer.from(this.slice('maxp'));
    maxp.writeUInt16BE(order.length, 4);
    const head = Buffer.from(this.slice('head'));
    head.writeInt16BE(1, 50); // the new loca is in the long format
    head.writeUInt32BE(0, 8); // checkSumAdjustment, set when assembled
    // post version 3: no glyph names (the old ones would name the old glyph ids).
    const post = Buffer.from(this.slice('post').subarray(0, 32));
    post.writeUInt32BE(0x00030000, 0);

    const out = new Map<string, Buffer>([
      ['glyf', Buffer.concat(pieces, size)],
      ['loca', loca],
      ['hmtx', hmtx],
      ['hhea', hhea],
      ['maxp', maxp],
      ['head', head],
      ['post', post],
      ['cmap', cmapFormat12(mapped.map(([cp, old]) => [cp, newId.get(old) as number]))],
    ]);
    for (const tag of KEPT_AS_IS) if (this.tables.has(tag)) out.set(tag, this.slice(tag));
    return assemble(out);
  }

  private renumberComponents(glyph: Buffer, newId: Map<number, number>): void {
    let at = 10;
    for (;;) {
      const flags = glyph.readUInt16BE(at);
      glyph.writeUInt16BE(newId.get(glyph.readUInt16BE(at + 2)) ?? 0, at + 2);
      at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
      if (!(flags & 0x0020)) break;
    }
  }

  private slice(tag: string): Buffer {
    const t = this.table(tag);
    return this.data.subarray(t.offset, t.offset + t.length);
  }
}

/** Tables that name no glyph id: copied unchanged. The rest of the font is rebuilt or dropped. */
const KEPT_AS_IS = ['OS/2', 'name', 'gasp', 'prep', 'fpgm', 'cvt '];

/** A cmap with one format-12 subtable, listed as Unicode full repertoire for both platforms. */
function cmapFormat12(pairs: [number, number][]): Buffer {
  pairs.sort((a, b) => a[0] - b[0]);
  const groups: [number, number, number][] = [];
  for (const [cp, gid] of pairs) {
    const last = groups.at(-1);
    if (last !== undefined && cp === last[1] + 1 && gid === last[2] + (cp - last[0])) last[1] = cp;
    else groups.push([cp, cp, gid]);
  }
  const sub = Buffer.alloc(16 + groups.length * 12);
  sub.writeUInt16BE(12, 0);
  sub.writeUInt32BE(sub.length, 4);
  sub.writeUInt32BE(groups.length, 12);
  groups.forEach(([start, end, gid], i) => {
    sub.writeUInt32BE(start, 16 + i * 12);
    sub.writeUInt32BE(end, 20 + i * 12);
    sub.writeUInt32BE(gid, 24 + i * 12);
  });
  const header = Buffer.alloc(4 + 2 * 8);
  header.writeUInt16BE(2, 2);
  header.writeUInt16BE(0, 4); // Unicode, full repertoire
  header.writeUInt16BE(4, 6);
  header.writeUInt32BE(header.length, 8);
  header.writeUInt16BE(3, 12); // Windows, Unicode full repertoire
  header.writeUInt16BE(10, 14);
  header.writeUInt32BE(header.length, 16);
  return Buffer.concat([header, sub]);
}

function checksum(b: Buffer): number {
  let sum = 0;
  const whole = b.length & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + b.readUInt32BE(i)) >>> 0;
  if (whole < b.length) {
    const tail = Buffer.alloc(4);
    b.copy(tail, 0, whole);
    sum = (sum + tail.readUInt32BE(0)) >>> 0;
  }
  return sum;
}

/** An sfnt file from its tables: sorted directory, 4-byte aligned tables, checksums. */
function assemble(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const log2 = Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + n * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(16 * 2 ** log2, 6);
  header.writeUInt16BE(log2, 8);
  header.writeUInt16BE(n * 16 - 16 * 2 ** log2, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const body = tables.get(tag) as Buffer;
    const rec = 12 + i * 16;
    header.write(tag, rec, 4, 'latin1');
    header.writeUInt32BE(checksum(body), rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(body.length, rec + 12);
    const padded = (body.length + 3) & ~3;
    parts.push(body, Buffer.alloc(padded - body.length));
    offset += padded;
  });
  const font = Buffer.concat(parts, offset);
  const headAt = header.readUInt32BE(12 + tags.indexOf('head') * 16 + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  return font;
}

/**
 * Every character an SVG can draw: its raw characters (markup included, a
 * harmless superset) and those written as numeric character references.
 */
export function svgCodepoints(svg: string): Set<number> {
  const cps = new Set<number>();
  // Printable ASCII is added below in one go; only the rest is looked at one by one.
  for (let i = 0; i < svg.length; i++) {
    if (svg.charCodeAt(i) < 0x80) continue;
    const cp = svg.codePointAt(i) as number;
    cps.add(cp);
    if (cp > 0xffff) i++;
  }
  for (const m of svg.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const ref = m[1] as string;
    cps.add(ref.startsWith('x') ? Number.parseInt(ref.slice(1), 16) : Number.parseInt(ref, 10));
  }
  // Printable ASCII always: charts of one spec then share a file whatever their numbers.
  for (let cp = 0x20; cp < 0x7f; cp++) cps.add(cp);
  return cps;
}

/**
 * Subset files on disk, one per distinct character set, in a private temp
 * folder removed at exit. A bounded number is kept; a file still being read
 * by a render in flight is never removed.
 */
export class SubsetFiles {
  private dir: string | undefined;
  private readonly files = new Map<string, { path: string; users: number }>();
  private font: SubsettableFont | undefined;

  constructor(
    private readonly fontFile: string,
    private readonly maxFiles = 64,
  ) {}

  /** The subset for `svg`'s characters; call the returned release() when the render is done. */
  acquire(svg: string): { path: string; release: () => void } {
    const cps = [...svgCodepoints(svg)].sort((a, b) => a - b);
    const key = createHash('sha256').update(Uint32Array.from(cps)).digest('base64url').slice(0, 22);
    let entry = this.files.get(key);
    if (entry === undefined) {
      this.font ??= new SubsettableFont(readFileSync(this.fontFile));
      this.dir ??= this.makeDir();
      entry = { path: join(this.dir, `${key}.ttf`), users: 0 };
      writeFileSync(entry.path, this.font.subset(cps));
      this.files.set(key, entry);
      this.evict();
    } else {
      // Most recently used last: the map's order is the eviction order.
      this.files.delete(key);
      this.files.set(key, entry);
    }
    const held = entry;
    held.users++;
    let released = false;
    return {
      path: held.path,
      release: () => {
        if (released) return;
        released = true;
        held.users--;
        this.evict();
      },
    };
  }

  private evict(): void {
    for (const [key, entry] of this.files) {
      if (this.files.size <= this.maxFiles) return;
      if (entry.users > 0) continue;
      this.files.delete(key);
      rmSync(entry.path, { force: true });
    }
  }

  private makeDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'pwbot-chart-fonts-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }
}
