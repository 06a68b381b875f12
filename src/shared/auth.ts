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

/** What a session may do next: finish two-factor, enrol in it (when the organisation requires it), or work. */
export const SessionStage = z.enum(['totp_required', 'totp_enrolment_required', 'active']);
export type SessionStage = z.infer<typeof SessionStage>;

export const Me = z.object({
  stage: SessionStage,
  csrfToken: z.string(),
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(ROLES),
    totpEnabled: z.boolean(),
  }),
  organisation: z.object({ id: z.uuid(), code: z.string(), name: z.string(), requireTotp: z.boolean() }),
  session: z.object({ idleExpiresAt: z.string(), absoluteExpiresAt: z.string() }),
});
export type Me = z.infer<typeof Me>;

export const TotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string() });

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
