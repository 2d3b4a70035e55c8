// The record's tables. Messages keep their raw payload (the source of truth: a
// history read decodes it again, as the live buffer does for cold slots) plus the
// decoded fields the filters use. Full-text indexes are contentless (the text is
// stored once, in the payload or the line) and are filled a step behind the writes,
// so a flood never slows recording. An agent filter by name goes through \`agents\`
// (id -> name), so one index (agent, type, time) serves it. Only the fields filters use are columns; the rest
// is decoded from the payload when read. The preview and the target's name are kept as the
// live view showed them: they use names learned from earlier traffic, which a later
// read could no longer know. `density` counts per minute, so a day's
// timeline reads 1,440 rows per source instead of every record.
import type { Database } from 'libsql';

export const SCHEMA_VERSION = 1;

const DDL = `
create table if not exists messages(
  id integer primary key,
  at integer not null,
  channels text not null,
  agent text,
  agent_name text,
  event_type text,
  post_type text,
  target_name text,
  preview text not null,
  payload blob not null
);
create index if not exists messages_at on messages(at);
create index if not exists messages_agent on messages(agent, event_type, at);
create index if not exists messages_type on messages(event_type, at);
create virtual table if not exists messages_fts using fts5(body, content='', contentless_delete=1, tokenize='unicode61');

create table if not exists logs(
  id integer primary key,
  at integer not null,
  service text not null,
  stream text not null,
  container text,
  text text not null
);
create index if not exists logs_at on logs(at);
create index if not exists logs_service on logs(service, at);
create virtual table if not exists logs_fts using fts5(text, content='', contentless_delete=1, tokenize='unicode61');

create table if not exists events(
  id integer primary key,
  at integer not null,
  source text not null,
  service text,
  status text not null,
  message text
);
create index if not exists events_at on events(at);

create table if not exists agents(id text primary key, name text not null) without rowid;
create table if not exists density(source text not null, minute integer not null, n integer not null, primary key(source, minute)) without rowid;
create table if not exists meta(key text primary key, value integer not null) without rowid;
`;

/** Creates the tables of a new record, or checks an existing one is of a version this build reads. */
export function migrate(db: Database, file: string): void {
  const version = Number((db.prepare('pragma user_version').raw().get() as unknown[])[0]);
  if (version > SCHEMA_VERSION) {
    throw new Error(`${file} was written by a newer Atom Desktop (record version ${version}; this one reads ${SCHEMA_VERSION})`);
  }
  db.exec(DDL);
  if (version < SCHEMA_VERSION) db.exec(`pragma user_version = ${SCHEMA_VERSION}`);
}

/** Counters kept in `meta`. */
export const META = {
  messagesIndexed: 'fts_messages_through',
  logsIndexed: 'fts_logs_through',
  removedMessages: 'removed_messages',
  removedLogs: 'removed_logs',
  removedEvents: 'removed_events',
} as const;
