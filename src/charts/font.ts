// Where the chart font comes from.
//
// A fresh machine usually has only DejaVu (or no fonts at all in slim
// containers), which has no CJK glyphs: Chinese titles come out as empty
// boxes. We therefore ship the font through npm (`@expo-google-fonts/noto-sans-sc`,
// an ordinary dependency) so `npm install` alone is enough, and we never
// load system fonts: output is then the same on every machine, and a test
// that passes here proves the bundled file was used, not a lucky system font.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Family name stored in the TTF's name table; SVG text must ask for exactly this. */
export const CJK_FONT_FAMILY = 'Noto Sans SC';

// Regular weight only: every weight is a separate ~10 MB file, and resvg's
// per-text cost grows with the number of faces it has to consider.
const FONT_MODULE_PATH = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';

let cached: { family: string; file: string } | undefined;

/**
 * The bundled CJK font actually used for charts (absolute path). It also
 * covers Latin letters and digits, so it is the only font charts need.
 * Throws with an actionable message when the package is missing.
 */
export function cjkFont(): { family: string; file: string } {
  if (cached) return cached;
  let file: string;
  try {
    file = createRequire(import.meta.url).resolve(FONT_MODULE_PATH);
  } catch (err) {
    throw new Error(
      `Chart font not found: ${FONT_MODULE_PATH} could not be resolved; run \`npm install\` ` +
        `(@expo-google-fonts/noto-sans-sc is a regular dependency)`,
      { cause: err },
    );
  }
  if (!existsSync(file)) throw new Error(`Chart font file is missing: ${file}`);
  cached = { family: CJK_FONT_FAMILY, file };
  return cached;
}
