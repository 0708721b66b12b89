// People as the bot knows them (name, language, address for proactive messages): the SQL behind
// SqlStore's user methods (sql-store.ts).
import type { ChannelId } from '../domain/turn.ts';
import type { UserRecord, UserUpsert } from '../ports/store.ts';
import type { Db } from './db.ts';
import { json, toUser, type UserRow } from './sql-store-rows.ts';

/** Optional user fields and their columns; only those present in an upsert are written. */
const USER_FIELDS = [
  ['tenantId', 'tenant_id'],
  ['displayName', 'display_name'],
  ['platformLocale', 'platform_locale'],
  ['timeZone', 'time_zone'],
  ['address', 'address'],
] as const;

export async function upsertUser(db: Db, user: UserUpsert, at: Date): Promise<UserRecord> {
  const cols: string[] = ['channel', 'user_id'];
  const params: unknown[] = [user.channel, user.userId];
  for (const [key, col] of USER_FIELDS) {
    const value = user[key];
    if (value === undefined) continue; // absent: keep what is stored
    cols.push(col);
    params.push(key === 'address' ? json(value) : value);
  }
  cols.push('updated_at');
  params.push(at);
  const [row] = await db.query<UserRow>(
    `INSERT INTO users (${cols.join(', ')}) VALUES (${params.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (channel, user_id) DO UPDATE SET ${cols
       .slice(2)
       .map((c) => `${c} = EXCLUDED.${c}`)
       .join(', ')}
     RETURNING *`,
    params,
  );
  return toUser(row!);
}

export async function getUser(db: Db, channel: ChannelId, userId: string): Promise<UserRecord | null> {
  const [row] = await db.query<UserRow>('SELECT * FROM users WHERE channel = $1 AND user_id = $2', [channel, userId]);
  return row ? toUser(row) : null;
}

export async function listUsers(
  db: Db,
  channel: ChannelId,
  tenantId: string | null,
  limit: number,
): Promise<UserRecord[]> {
  const order = 'ORDER BY display_name NULLS LAST, user_id LIMIT';
  const rows =
    tenantId === null
      ? await db.query<UserRow>(`SELECT * FROM users WHERE channel = $1 AND tenant_id IS NULL ${order} $2`, [
          channel,
          limit,
        ])
      : await db.query<UserRow>(`SELECT * FROM users WHERE channel = $1 AND tenant_id = $2 ${order} $3`, [
          channel,
          tenantId,
          limit,
        ]);
  return rows.map(toUser);
}

export function setLocalePref(db: Db, channel: ChannelId, userId: string, locale: string | null, at: Date) {
  return setUserColumn(db, 'locale_pref', channel, userId, locale, at);
}

/** Writes one of a user's own settings, creating the user row if there is none yet. */
export async function setUserColumn(
  db: Db,
  column: 'locale_pref' | 'work_profile',
  channel: ChannelId,
  userId: string,
  value: string | null,
  at: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO users (channel, user_id, ${column}, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (channel, user_id) DO UPDATE SET ${column} = EXCLUDED.${column}, updated_at = EXCLUDED.updated_at`,
    [channel, userId, value, at],
  );
}
