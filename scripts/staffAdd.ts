// `npm run staff:add -- --username maija --name "Maija Meikäläinen" --role nurse --queues a,b`
// creates a staff account; the password comes from stdin (typed without echo on a terminal,
// or piped), never from the command line, where shell history and `ps` would keep it.
// `--username maija --set-queues a,b`, `--disable` and `--enable` change an existing account.
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { LuotsiError } from '../errors';
// The catalog data alone: the routing index would load the flows (xstate) for nothing.
import { DEFAULT_CATALOG } from '../routing/catalog';
import { createStaffAccount, requireAccountByUsername, validateQueues } from '../staff/accounts';
import { STAFF_ROLES } from '../staff/roles';
import { openDatabase } from '../storage/openDatabase';
import { systemClock } from '../clock';

/** Standard input as the command needs it: a stream that may be a terminal. */
export type CliInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

/** Everything the command touches, injectable for tests. */
export interface StaffAddIo {
  stdin: CliInput;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  cwd: string;
  now?: () => Date;
}

const USAGE = `Usage:
  npm run staff:add -- --username <login> --name "<display name>" --role <role> --queues <id,id>
  npm run staff:add -- --username <login> --set-queues <id,id>
  npm run staff:add -- --username <login> --disable | --enable
The password is read from standard input (hidden when typed; a pipe gives the first line).
Roles: ${STAFF_ROLES.join(', ')}
Queues: ${DEFAULT_CATALOG.queues.map((q) => q.id).join(', ')}
`;

// Longest piped input read; a password is one short line.
const MAX_PIPED_BYTES = 64 * 1024;

/** A failure the command reports as one line and exit code 1. */
class CliError extends Error {}

/** Runs the command; resolves to the process exit code (0 success, 1 failure). */
export async function main(argv: readonly string[], io: StaffAddIo): Promise<number> {
  const now = io.now ?? systemClock;
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        queues: { type: 'string' },
        'set-queues': { type: 'string' },
        disable: { type: 'boolean' },
        enable: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch {
    // parseArgs' own message would quote the offending argument, which may be a mistyped password.
    io.stderr.write(`error: unknown option, missing value or stray argument\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const knownQueueIds = DEFAULT_CATALOG.queues.map((q) => q.id);
  const changes = [args['set-queues'] !== undefined, args.disable === true, args.enable === true].filter(Boolean).length;
  let database;
  try {
    if (args.username === undefined) throw new CliError('--username is required');
    if (changes > 1) throw new CliError('give only one of --set-queues, --disable, --enable');
    if (changes === 0 && (args.name === undefined || args.role === undefined || args.queues === undefined)) {
      throw new CliError('--name, --role and --queues are required to create an account');
    }
    const config = loadConfig(io.env, io.cwd);
    if (changes === 0) {
      // Validate what can be validated before asking for a password, so a typo costs no typing.
      validateQueues(splitList(args.queues ?? ''), knownQueueIds);
      const password = await readPassword(io);
      database = openDatabase(config, () => undefined, now);
      await database.ready();
      const account = await createStaffAccount(
        database.staff,
        { username: args.username, displayName: args.name ?? '', role: args.role ?? '', queues: splitList(args.queues ?? '') },
        password,
        knownQueueIds,
        now(),
      );
      io.stdout.write(`Created staff account ${account.username} (id ${account.id}, role ${account.role}, queues ${account.queues.join(', ')}).\n`);
      return 0;
    }
    database = openDatabase(config, () => undefined, now);
    await database.ready();
    const account = await requireAccountByUsername(database.staff, args.username);
    if (args['set-queues'] !== undefined) {
      const queues = validateQueues(splitList(args['set-queues']), knownQueueIds);
      await database.staff.setQueues(account.id, queues, now());
      io.stdout.write(`Staff account ${account.username} now belongs to queues ${queues.join(', ')}.\n`);
    } else {
      const disable = args.disable === true;
      await database.staff.setDisabled(account.id, disable, now());
      io.stdout.write(`Staff account ${account.username} is ${disable ? 'disabled; its sessions have ended' : 'enabled'}.\n`);
    }
    return 0;
  } catch (error) {
    io.stderr.write(`error: ${describe(error)}\n`);
    return 1;
  } finally {
    await database?.close();
  }
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

// Typed errors carry a message meant for people; anything else is reported by kind only.
function describe(error: unknown): string {
  if (error instanceof CliError || error instanceof LuotsiError) return error.message;
  return `unexpected failure (${error instanceof Error ? error.name : 'unknown'})`;
}

async function readPassword(io: StaffAddIo): Promise<string> {
  const input = io.stdin;
  if (input.isTTY === true && input.setRawMode !== undefined) {
    const first = await readHiddenLine(input, io.stderr, 'Password: ');
    const second = await readHiddenLine(input, io.stderr, 'Repeat password: ');
    if (first !== second) throw new CliError('the passwords do not match');
    return first;
  }
  const piped = await readAll(input);
  const firstLine = piped.split(/\r?\n/)[0] ?? '';
  if (firstLine === '') throw new CliError('no password on standard input');
  return firstLine;
}

function readAll(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    input.on('data', (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      size += bytes.length;
      if (size <= MAX_PIPED_BYTES) chunks.push(bytes);
    });
    input.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    input.on('error', reject);
  });
}

// Raw mode turns echo off; the characters are collected here and never written back.
function readHiddenLine(input: CliInput, output: Writable, prompt: string): Promise<string> {
  output.write(prompt);
  input.setRawMode?.(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (): void => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new CliError('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    input.on('data', onData);
  });
}

if (require.main === module) {
  main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 1;
    },
  );
}
