/**
 * The fonts of PDF reports: Noto Sans and Noto Naskh Arabic from their npm packages, never the machine's, so a
 * report looks the same and has the same bytes wherever it is rendered (a server with other fonts installed, or
 * a second Noto Sans of another version, would otherwise change glyphs and line breaks).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The faces a report uses: body, italic (an empty narrative), bold (headings, totals) and Arabic. */
const FACES = [
  '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  '@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf',
  '@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf',
] as const;

/** The families the template names, in fallback order: Latin first, Arabic for what Noto Sans lacks. */
export const REPORT_FONT_FAMILIES = ['Noto Sans', 'Noto Naskh Arabic'] as const;

/** Where the font files are, resolved through Node's module resolution: wherever the repository is cloned. */
export const reportFontFiles = (): string[] => FACES.map((face) => require.resolve(face));

/** The font files' bytes, handed to the compiler as memory fonts. */
export const reportFontBlobs = (): Buffer[] => reportFontFiles().map((file) => readFileSync(file));

const NO_SYSTEM_FONTS = fileURLToPath(new URL('./no-system-fonts.conf', import.meta.url));

/**
 * Runs `create` (the compiler's creation, which is when it searches fonts) with the machine's fonts out of sight.
 * typst-ts-node-compiler 0.7 has no option to skip system fonts: its search (fontdb) always reads the fontconfig
 * file, so FONTCONFIG_FILE points it at one whose only directory cannot exist (no-system-fonts.conf). The
 * variable is put back at once, before anything else can run, so child processes never see it. This covers
 * Linux, where Salama runs; fontdb reads macOS and Windows font folders without fontconfig.
 */
export function withoutSystemFonts<T>(create: () => T): T {
  const before = process.env.FONTCONFIG_FILE;
  process.env.FONTCONFIG_FILE = NO_SYSTEM_FONTS;
  try {
    return create();
  } finally {
    if (before === undefined) delete process.env.FONTCONFIG_FILE;
    else process.env.FONTCONFIG_FILE = before;
  }
}
