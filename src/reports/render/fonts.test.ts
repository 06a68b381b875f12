/**
 * The report fonts come from npm, and a compiler created through withoutSystemFonts knows none of the machine's
 * fonts (while one created plainly does: the check would otherwise prove nothing on a machine with fonts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { describe, expect, it } from 'vitest';
import { REPORT_FONT_FAMILIES, reportFontFiles, withoutSystemFonts } from './fonts.ts';

/** Families Typst carries inside its binary (typst-assets): known to every compiler, never the machine's. */
const IN_TYPST = /^(DejaVu Sans Mono|Libertinus|New Computer Modern)/;

/** Families installed on this machine, as fontconfig lists them (none where fontconfig is missing). */
function machineFamilies(): string[] {
  const listed = spawnSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  if (listed.error || listed.status !== 0) return [];
  const families = listed.stdout.split('\n').map((l) => l.split(',')[0]!.trim()).filter((f) => f !== '');
  return [...new Set(families)].filter((f) => !IN_TYPST.test(f) && !(REPORT_FONT_FAMILIES as readonly string[]).includes(f)).sort().slice(0, 25);
}

/** The families a compiler does not know, from Typst's warnings on text set in each. */
function unknownFamilies(compiler: NodeCompiler, families: string[]): string[] {
  const source = '#for family in json(bytes(sys.inputs.families)) { text(font: family, fallback: false)[x] }';
  const compiled = compiler.compile({ mainFileContent: source, inputs: { families: JSON.stringify(families) } });
  const warnings = compiled.takeWarnings();
  const messages = warnings ? (compiler.fetchDiagnostics(warnings) as { message: string }[]).map((d) => d.message) : [];
  return messages.flatMap((m) => /^unknown font family: (.*)$/.exec(m)?.[1] ?? []);
}

describe('report fonts', () => {
  it('are files of the npm font packages', () => {
    const files = reportFontFiles();
    expect(files).toHaveLength(5);
    for (const file of files) {
      expect(file).toMatch(/node_modules[\\/]@expo-google-fonts[\\/]noto-(sans|naskh-arabic)[\\/].+\.ttf$/);
      expect(existsSync(file)).toBe(true);
    }
  });

  it('leave the machine\'s fonts unseen by a compiler created without them, and FONTCONFIG_FILE as it was', () => {
    const families = machineFamilies();
    const before = process.env.FONTCONFIG_FILE;
    const sealed = withoutSystemFonts(() => NodeCompiler.create({ workspace: '/dev/null/fonts-test' }));
    expect(process.env.FONTCONFIG_FILE).toBe(before);
    expect(unknownFamilies(sealed, families)).toHaveLength(families.length);
    if (families.length > 0) {
      const plain = NodeCompiler.create({ workspace: '/dev/null/fonts-test' });
      expect(unknownFamilies(plain, families).length).toBeLessThan(families.length);
    }
  });
});
