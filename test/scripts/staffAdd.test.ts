// The staff:add command end to end through its exported main(), with stdin, stdout, stderr
// and the environment injected, against a real SQLite file in a temporary DATA_DIR.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../scripts/staffAdd';
import { StaffAuthenticator } from '../../staff/authentication';
import { sharedTestDatabase, type SharedTestDatabase } from '../support/testDatabase';

const PASSWORD = 'pitkä ja hyvä salasana';

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('npm run staff:add', () => {
  let dataDir: string;
  let shared: SharedTestDatabase;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luotsi-staff-'));
    shared = sharedTestDatabase(path.join(dataDir, 'data'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function run(args: string[], stdin = `${PASSWORD}\n`): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = collect();
    const stderr = collect();
    const code = await main(args, {
      stdin: Readable.from([Buffer.from(stdin, 'utf8')]),
      stdout: stdout.stream,
      stderr: stderr.stream,
      // DATA_DIR relative to cwd, as an operator would type it; on PostgreSQL the run's schema.
      env: { NODE_ENV: 'test', ...shared.env, DATA_DIR: 'data' },
      cwd: dataDir,
    });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  const ADD = ['--username', 'maija', '--name', 'Maija Meikäläinen', '--role', 'nurse', '--queues', 'digital_clinic,general_customer_service'];

  it('creates an account from a piped password in DATA_DIR (relative to cwd) that can then log in', async () => {
    const result = await run(ADD);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Created staff account maija \(id [A-Za-z0-9_-]{22}, role nurse, queues digital_clinic, general_customer_service\)\.\n$/);
    // Neither the password nor the display name is echoed.
    expect(result.stdout).not.toContain(PASSWORD);
    expect(result.stdout).not.toContain('Meikäläinen');
    const database = await shared.open();
    try {
      const login = await new StaffAuthenticator(database.staff).login('maija', PASSWORD, new Date());
      expect(login.identity).toMatchObject({ displayName: 'Maija Meikäläinen', role: 'nurse', queues: ['digital_clinic', 'general_customer_service'] });
    } finally {
      await database.close();
    }
  });

  it('refuses a duplicate username', async () => {
    expect((await run(ADD)).code).toBe(0);
    const again = await run(ADD);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('error: username is already taken\n');
  });

  it('refuses an unknown queue, naming it and the known ones', async () => {
    const result = await run(['--username', 'maija', '--name', 'Maija', '--role', 'nurse', '--queues', 'digital_clinic,no_such_queue']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: unknown queue no_such_queue; known queues: .*digital_clinic/);
  });

  it('refuses a weak password and an unknown role', async () => {
    const weak = await run(ADD, 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toBe('error: password must be at least 12 characters\n');
    const role = await run(['--username', 'maija', '--name', 'Maija', '--role', 'doctor', '--queues', 'digital_clinic']);
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/^error: role must be one of nurse, social_counsellor, customer_service, admin\n$/);
  });

  it('refuses missing arguments, unknown options and a password on the command line', async () => {
    expect((await run(['--username', 'maija'])).stderr).toContain('--name, --role and --queues are required');
    const viaArgv = await run([...ADD, '--password', PASSWORD]);
    expect(viaArgv.code).toBe(1);
    expect(viaArgv.stderr).toMatch(/^error: unknown option, missing value or stray argument\nUsage:/);
    // The offending argument is not echoed back.
    expect(viaArgv.stderr).not.toContain(PASSWORD);
    expect((await run([...ADD, PASSWORD])).stderr).not.toContain(PASSWORD);
    expect((await run(ADD, '')).stderr).toBe('error: no password on standard input\n');
  });

  it('changes queues, disables and enables an existing account', async () => {
    await run(ADD);
    const setQueues = await run(['--username', 'maija', '--set-queues', 'social_guidance'], '');
    expect(setQueues).toMatchObject({ code: 0, stdout: 'Staff account maija now belongs to queues social_guidance.\n' });
    expect((await run(['--username', 'maija', '--set-queues', 'nope'], '')).code).toBe(1);
    expect((await run(['--username', 'maija', '--disable'], '')).stdout).toBe('Staff account maija is disabled; its sessions have ended.\n');
    const database = await shared.open();
    try {
      await expect(new StaffAuthenticator(database.staff).login('maija', PASSWORD, new Date())).rejects.toMatchObject({ reason: 'disabled' });
      expect((await run(['--username', 'maija', '--enable'], '')).code).toBe(0);
      const login = await new StaffAuthenticator(database.staff).login('maija', PASSWORD, new Date());
      expect(login.identity.queues).toEqual(['social_guidance']);
    } finally {
      await database.close();
    }
    expect((await run(['--username', 'ghost', '--disable'], '')).stderr).toBe('error: no staff account with that username\n');
  });
});
