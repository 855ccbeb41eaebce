/**
 * Running a team: operators can be deactivated, invited and made to choose their own password; sign-in
 * sessions live on the server (a refresh-token family per sign-in, so one can be ended at once); MFA
 * recovery codes; and the append-only audit log.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('operators', (t) => {
    t.boolean('active').notNullable().defaultTo(true);
    // a one-time password (or the generated first admin's) is good for choosing a new one only
    t.boolean('must_change_password').notNullable().defaultTo(false);
    t.bigInteger('last_sign_in_at');
    // a secret being enrolled: in force only once confirmed with a code (totp_secret)
    t.text('totp_pending_secret');
    // the time step of the last code accepted: a code works once (RFC 6238 5.2)
    t.bigInteger('totp_last_step');
    // sha256 of each unused recovery code, JSON array
    t.text('recovery_codes').notNullable().defaultTo('[]');
    // sha256 of an invite link's token; the operator cannot sign in until it is used
    t.string('invite_hash', 64);
    t.bigInteger('invite_expires_at');
    t.index(['invite_hash']);
  });

  await knex.schema.createTable('sessions', (t) => {
    // one sign-in: every refresh token rotated from it belongs to this family
    t.string('id', 36).primary();
    t.string('operator_id', 36).notNullable().references('operators.id');
    // sha256 of the current refresh token, and of the one before it (a concurrent refresh from another tab)
    t.string('refresh_hash', 64).notNullable();
    t.string('previous_hash', 64);
    t.bigInteger('rotated_at').notNullable();
    // what the session may do until a step is done: password_change | mfa_enrollment
    t.string('restriction', 20);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('last_active_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('revoked_at');
    t.string('revoked_reason', 32);
    t.string('address', 64);
    t.string('user_agent', 200);
    t.index(['operator_id', 'revoked_at']);
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id').primary();
    t.bigInteger('at').notNullable();
    t.string('actor_id', 36);
    t.string('actor_email', 200);
    t.string('action', 48).notNullable();
    t.string('target_type', 32);
    t.string('target_id', 80);
    t.string('address', 64);
    t.text('details').notNullable().defaultTo('{}');
    t.index(['at']);
    t.index(['actor_id', 'at']);
    t.index(['action', 'at']);
  });
  // append-only for everyone, the engine included: rows are never changed (retention deletes whole old rows)
  if (knex.client.config.client === 'pg') {
    await knex.raw(`create function baton_audit_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`);
    await knex.raw('create trigger audit_log_append_only before update on audit_log for each row execute function baton_audit_append_only()');
  } else {
    await knex.raw(`create trigger audit_log_append_only before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('audit_log');
  if (knex.client.config.client === 'pg') await knex.raw('drop function if exists baton_audit_append_only()');
  await knex.schema.dropTableIfExists('sessions');
  await knex.schema.alterTable('operators', (t) => {
    t.dropIndex(['invite_hash']);
    for (const column of ['active', 'must_change_password', 'last_sign_in_at', 'totp_pending_secret', 'totp_last_step', 'recovery_codes', 'invite_hash', 'invite_expires_at']) t.dropColumn(column);
  });
}
