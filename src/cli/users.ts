/** salama user create | reset-password | reset-two-factor | disable | enable, and salama org create | require-totp. */
import type { Command } from 'commander';
import { createUser, disableUser, enableUser, ensureOrganisation, resetPassword, resetTwoFactor, setRequireTotp } from '../identity/users.ts';
import { ORG_KINDS, ROLES } from '../shared/taxonomy.ts';
import { readStdin, run, withDatabase } from './runtime.ts';

export function registerUserCommands(program: Command) {
  const org = program.command('org').description('manage organisations');
  org.command('create')
    .description('create an organisation (a mission, an office, an NGO, a headquarters unit)')
    .requiredOption('--code <code>', 'short code, e.g. MINUSCA-WPA')
    .requiredOption('--name <name>', 'full name')
    .option('--kind <kind>', `one of ${ORG_KINDS.join(', ')}`, 'mission')
    .option('--require-totp', 'make two-factor authentication mandatory for its users')
    .action(run(async (o: { code: string; name: string; kind: string; requireTotp?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const created = await ensureOrganisation(db, { code: o.code, name: o.name, kind: o.kind, requireTotp: o.requireTotp ?? false });
        console.log(`organisation ${created.code} (${created.id})`);
      });
    }));

  org.command('require-totp')
    .description('make two-factor authentication mandatory for an organisation (or optional again with --off)')
    .requiredOption('--code <code>', 'organisation code')
    .option('--off', 'make it optional again')
    .action(run(async (o: { code: string; off?: boolean }) => {
      await withDatabase(async ({ db }) => {
        await setRequireTotp(db, o.code, !o.off);
        console.log(`two-factor authentication is now ${o.off ? 'optional' : 'mandatory'} in ${o.code}: users without it must enrol at their next sign-in`);
      });
    }));

  const user = program.command('user').description('manage user accounts');
  user.command('create')
    .description('create a user; the password comes from stdin (--password-stdin) or is generated and printed once')
    .requiredOption('--org <code>', 'organisation code')
    .requiredOption('--email <email>', 'email address (the login)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--password-stdin', 'read the password from standard input')
    .action(run(async (o: { org: string; email: string; role: string; passwordStdin?: boolean }) => {
      const password = o.passwordStdin ? await readStdin() : undefined;
      await withDatabase(async ({ db }) => {
        const { user: u, generatedPassword } = await createUser(db, { organisationCode: o.org, email: o.email, role: o.role, ...(password !== undefined ? { password } : {}) });
        console.log(`user ${u.email} created with role ${u.role} in ${o.org}`);
        if (generatedPassword) console.log(`password (shown once, store it safely): ${generatedPassword}`);
      });
    }));

  user.command('reset-password')
    .description('set a new password (stdin or generated), clear any lockout and end all the user\'s sessions')
    .requiredOption('--email <email>', 'the user\'s email')
    .option('--password-stdin', 'read the password from standard input')
    .action(run(async (o: { email: string; passwordStdin?: boolean }) => {
      const password = o.passwordStdin ? await readStdin() : undefined;
      await withDatabase(async ({ db }) => {
        const { generatedPassword } = await resetPassword(db, o.email, password);
        console.log(`password reset for ${o.email}; all sessions ended`);
        if (generatedPassword) console.log(`new password (shown once): ${generatedPassword}`);
      });
    }));

  user.command('disable')
    .description('disable a user and end all their sessions')
    .requiredOption('--email <email>', 'the user\'s email')
    .action(run(async (o: { email: string }) => {
      await withDatabase(async ({ db }) => {
        await disableUser(db, o.email);
        console.log(`user ${o.email} disabled; all sessions ended`);
      });
    }));

  user.command('enable')
    .description('enable a disabled user again')
    .requiredOption('--email <email>', 'the user\'s email')
    .action(run(async (o: { email: string }) => {
      await withDatabase(async ({ db }) => {
        await enableUser(db, o.email);
        console.log(`user ${o.email} enabled`);
      });
    }));

  user.command('reset-two-factor')
    .description('remove a user\'s two-factor authentication and recovery codes (lost device) and end their sessions')
    .requiredOption('--email <email>', 'the user\'s email')
    .action(run(async (o: { email: string }) => {
      await withDatabase(async ({ db }) => {
        await resetTwoFactor(db, o.email);
        console.log(`two-factor authentication removed for ${o.email}; all sessions ended (they enrol again at their next sign-in if the organisation requires it)`);
      });
    }));
}
