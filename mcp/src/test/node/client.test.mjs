// The packaged `backlog mcp serve` driven by the official MCP TypeScript SDKs: v1 (@modelcontextprotocol/sdk,
// legacy handshake) and v2 (@modelcontextprotocol/client, pinned to the stateless 2026-07-28 revision and in
// 'auto' mode). Run by ./run-tests after the Maven build; spawns the real launcher, so it also proves that stdout
// carries nothing but protocol messages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Client as ClientV2 } from '@modelcontextprotocol/client';
import { StdioClientTransport as StdioV2 } from '@modelcontextprotocol/client/stdio';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const launcher = join(root, 'backlog');
let dir;

function backlog(...args) {
  return execFileSync(launcher, ['--db', dir, ...args], { encoding: 'utf8' });
}

function server(actor) {
  return { command: launcher, args: ['--db', dir, 'mcp', 'serve', '--as', actor], stderr: 'pipe' };
}

async function v1(actor) {
  const client = new ClientV1({ name: 'backlog-test', version: '1.0.0' });
  await client.connect(new StdioV1(server(actor)));
  return client;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'backlog-mcp-'));
  execFileSync(launcher, ['init', dir, '--json'], { encoding: 'utf8' });
  backlog('project', 'add', '--alias', 'api', 'API', '--json');
  backlog('project', 'set-default', 'api', '--json');
});

after(() => {
  // The setup calls above went through the launcher, which leaves a resident daemon behind: stop it.
  execFileSync(launcher, ['daemon', 'stop'], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
});

test('the v1 SDK connects, lists every tool and adds and lists tasks', async () => {
  const client = await v1('ai:sdk-one');
  try {
    assert.equal(client.getServerVersion().name, 'backlog');
    const { tools } = await client.listTools();
    assert.equal(tools.length, 34);
    assert.ok(JSON.stringify({ tools }).length <= 16000);
    for (const t of tools) {
      assert.equal(t.inputSchema.type, 'object');
      assert.equal(t.inputSchema.additionalProperties, false);
      assert.ok(t.title && t.description, t.name);
    }
    const added = await client.callTool({ name: 'task_add', arguments: { title: 'From the SDK', priority: 'P2', labels: ['sdk'] } });
    assert.equal(added.isError, false);
    assert.equal(added.structuredContent.title, 'From the SDK');
    assert.deepEqual(JSON.parse(added.content[0].text), added.structuredContent);
    const listed = await client.callTool({ name: 'task_list', arguments: { label: ['sdk'] } });
    assert.deepEqual(listed.structuredContent.tasks.map((t) => t.ref), [added.structuredContent.ref]);
    const bad = await client.callTool({ name: 'task_show', arguments: { ref: 'TASK-999' } });
    assert.equal(bad.isError, true);
    assert.equal(bad.structuredContent.error.code, 'TASK_NOT_FOUND');
    await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }), (e) => e.code === -32602);
    const templates = await client.listResourceTemplates();
    assert.equal(templates.resourceTemplates.length, 4);
    const read = await client.readResource({ uri: `backlog://task/${added.structuredContent.ref}` });
    assert.equal(JSON.parse(read.contents[0].text).title, 'From the SDK');
    const prompts = await client.listPrompts();
    assert.deepEqual(prompts.prompts.map((p) => p.name), ['next-task', 'plan-task']);
  } finally {
    await client.close();
  }
});

test('two servers as different actors race for one claim: exactly one wins', async () => {
  const setup = await v1('ai:setup');
  const { structuredContent: task } = await setup.callTool({ name: 'task_add', arguments: { title: 'Contested' } });
  await setup.close();
  const [alpha, beta] = await Promise.all([v1('ai:alpha'), v1('ai:beta')]);
  try {
    const results = await Promise.all([alpha, beta].map((c) => c.callTool({ name: 'task_claim', arguments: { ref: task.ref } })));
    const winners = results.filter((r) => !r.isError);
    const losers = results.filter((r) => r.isError);
    assert.equal(winners.length, 1);
    assert.equal(losers.length, 1);
    assert.equal(losers[0].structuredContent.error.code, 'TASK_ALREADY_CLAIMED');
    assert.match(losers[0].content[0].text, /^TASK_ALREADY_CLAIMED: /);
    assert.ok(['alpha', 'beta'].includes(winners[0].structuredContent.claim.actor.name));
  } finally {
    await Promise.all([alpha.close(), beta.close()]);
  }
});

for (const mode of [{ pin: '2026-07-28' }, 'auto']) {
  test(`the v2 SDK in mode ${JSON.stringify(mode)} talks 2026-07-28 statelessly`, async () => {
    const client = new ClientV2({ name: 'backlog-test-v2', version: '1.0.0' }, { versionNegotiation: { mode } });
    await client.connect(new StdioV2(server('ai:sdk-two')));
    try {
      const { tools } = await client.listTools();
      assert.equal(tools.length, 34);
      const added = await client.callTool({ name: 'task_add', arguments: { title: `Modern ${JSON.stringify(mode)}` } });
      assert.equal(added.isError, false);
      const listed = await client.callTool({ name: 'task_list', arguments: { search: 'Modern' } });
      assert.ok(listed.structuredContent.tasks.some((t) => t.ref === added.structuredContent.ref));
      const conflict = await client.callTool({ name: 'task_next', arguments: { claim: true, label: ['no-such-label'] } });
      assert.equal(conflict.isError, true);
      assert.equal(conflict.structuredContent.error.code, 'NO_READY_TASK');
    } finally {
      await client.close();
    }
  });
}

test('end of stdin ends the server with exit status 0 and stdout holds only protocol lines', async () => {
  const child = spawn(launcher, ['--db', dir, 'mcp', 'serve', '--as', 'ai:eof'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stdin.end('{"jsonrpc":"2.0","id":1,"method":"ping"}\nnot json\n');
  const status = await new Promise((done) => child.on('exit', done));
  assert.equal(status, 0);
  const lines = out.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.id), [1, null]);
  assert.equal(lines[1].error.code, -32700);
});

// Each client configuration in docs/mcp.md, with its placeholders filled in, must start a working server.
function documentedServers() {
  const doc = readFileSync(join(root, 'docs/mcp.md'), 'utf8');
  const fill = (v) => v.replace('/path/to/backlog', launcher).replace('/path/to/repo', dir);
  const servers = [];
  for (const [, lang, body] of doc.matchAll(/```(json|toml)\n([\s\S]*?)```/g)) {
    if (lang === 'json') {
      const config = JSON.parse(body);
      const entry = config.mcpServers ? config.mcpServers.backlog : config.mcp.backlog;
      const argv = entry.command instanceof Array ? entry.command : [entry.command, ...entry.args];
      servers.push(argv.map(fill));
    } else {
      const command = /^command = "(.*)"$/m.exec(body)[1];
      const args = JSON.parse(/^args = (\[.*\])$/m.exec(body)[1]);
      servers.push([command, ...args].map(fill));
    }
  }
  return servers;
}

test('every client configuration in docs/mcp.md starts a server that answers initialize', async () => {
  const servers = documentedServers();
  assert.equal(servers.length, 4);
  for (const [command, ...args] of servers) {
    const client = new ClientV1({ name: 'docs-check', version: '1.0.0' });
    await client.connect(new StdioV1({ command, args, stderr: 'pipe' }));
    assert.equal(client.getServerVersion().name, 'backlog');
    await client.close();
  }
});
