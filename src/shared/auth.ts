import { z } from './zod.ts';
import { ROLES } from './taxonomy.ts';

export const LoginBody = z.object({
  email: z.email({ error: 'not_email' }).max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(1024),
}).strict();

/** Sensitive account changes ask for the password again. */
export const PasswordConfirmation = z.object({ password: z.string().min(1).max(1024) }).strict();

export const TotpCode = z.object({
  code: z.string().regex(/^\d{6}$/, 'totp_code'),
}).strict();

/** Recovery codes: 10 characters from an alphabet without look-alikes, shown as two groups of five. */
export const RECOVERY_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;
/** Accepts "abcde-23456", "ABCDE 23456" or "abcde23456"; returns the 10 characters, lower case. */
export const normaliseRecoveryCode = (input: string): string => input.trim().toLowerCase().replace(/[\s-]/g, '');
export const isRecoveryCode = (input: string): boolean => new RegExp(`^[${RECOVERY_CODE_ALPHABET}]{10}$`).test(normaliseRecoveryCode(input));

/** A second factor: the 6-digit code from the authenticator app, or one of the one-time recovery codes. */
const secondFactor = z.string().max(40).refine((c) => /^\d{6}$/.test(c.trim()) || isRecoveryCode(c),
  'must be the 6-digit code from your authenticator app or one of your recovery codes');
export const SecondFactorCode = z.object({ code: secondFactor }).strict();

/** Turning two-factor off: the password and a current code (or a recovery code). */
export const TotpDisable = z.object({ password: z.string().min(1, 'is required').max(1024), code: secondFactor }).strict();

/** Changing one's own password (the new one follows the password rule of identity/passwords.ts). */
export const PASSWORD_MIN_LENGTH = 12;
export const PasswordChange = z.object({
  currentPassword: z.string().min(1, 'is required').max(1024),
  newPassword: z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(1024, 'must be at most 1024 characters'),
}).strict();
export type PasswordChange = z.infer<typeof PasswordChange>;

/**
 * What a session may do next, in this order: finish two-factor, replace a password an administrator handed
 * out, enrol in two-factor (when the organisation requires it), or work.
 */
export const SessionStage = z.enum(['totp_required', 'password_change_required', 'totp_enrolment_required', 'active']);
export type SessionStage = z.infer<typeof SessionStage>;

export const Me = z.object({
  stage: SessionStage,
  csrfToken: z.string(),
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(ROLES),
    totpEnabled: z.boolean(),
    /** Unused recovery codes (0 when two-factor is off). */
    recoveryCodesLeft: z.number().int(),
  }),
  organisation: z.object({ id: z.uuid(), code: z.string(), name: z.string(), requireTotp: z.boolean() }),
  session: z.object({ idleExpiresAt: z.string(), absoluteExpiresAt: z.string() }),
});
export type Me = z.infer<typeof Me>;

/** The secret for the authenticator app, its otpauth:// address, and that address as a QR code (an SVG data URL made on the server). */
export const TotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string(), qrCode: z.string() });

/** One-time recovery codes, shown once (at enrolment, or when regenerated). */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
/** Enrolment finished: the session as it now is, and the recovery codes (shown once). */
export const TotpEnabled = Me.extend({ recoveryCodes: z.array(z.string()) });

/**
 * One problem of a request: the field's dotted path, a stable code (messages.ts: MESSAGE_CODES) with its
 * parameters for programs, and a message for people, in the request's language (Accept-Language), naming the
 * field by its label.
 */
export const ApiIssue = z.object({
  field: z.string(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string(),
});
export type ApiIssue = z.infer<typeof ApiIssue>;

export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(ApiIssue).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ connected: z.boolean(), latencyMs: z.number().nullable(), migrations: z.number().int().nullable() }),
  version: z.string(),
});

/** A member of the user's own organisation, as coordinators (assignment) and administrators see them. */
export const OrgMember = z.object({ id: z.uuid(), email: z.string(), role: z.enum(ROLES), disabled: z.boolean() });
export type OrgMember = z.infer<typeof OrgMember>;
export const OrgMembers = z.object({ items: z.array(OrgMember) });
