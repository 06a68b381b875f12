/** TOTP (RFC 6238) with otpauth: 6 digits, 30 s steps, one step of clock drift either way, no replay. */
import { Secret, TOTP } from 'otpauth';

const totp = (secret: string, label = 'user') =>
  new TOTP({ issuer: 'Salama', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export const totpUrl = (secret: string, label: string): string => totp(secret, label).toString();

/** Returns the accepted time step, or null. A step at or before `lastStep` is refused (replayed code). */
export function checkTotp(secret: string, code: string, lastStep: number | null, now = Date.now()): number | null {
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 30_000) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

export const totpNow = (secret: string, now = Date.now()): string => totp(secret).generate({ timestamp: now });

/**
 * The otpauth:// address as a QR code, made here (no external service): an SVG as a data URL, which the
 * strict CSP allows as an image. Neither the address nor the image is ever logged.
 */
export async function totpQrCode(otpauthUrl: string): Promise<string> {
  // Loaded when first needed: the CLI, which never draws one, starts without it.
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
