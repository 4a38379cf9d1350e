// ApiKeyService: secret storage first, GEMINI_API_KEY as fallback, and a validation verdict from a
// cheap models.list call.
import * as assert from 'node:assert/strict';
import { API_KEY_SECRET, ApiKeyService, SecretStore } from '../../../src/gemini/apiKey';
import { cachedGenAIProvider } from '../../../src/gemini/client';
import { errors } from '../../emulator';
import { TEST_KEY, useEmulator } from '../../harness/useEmulator';

class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  async get(key: string) { return this.values.get(key); }
  async store(key: string, value: string) { this.values.set(key, value); }
  async delete(key: string) { this.values.delete(key); }
}

describe('ApiKeyService', () => {
  const emu = useEmulator();

  const serviceFor = (secrets = new MemorySecrets(), env: Record<string, string> = {}, endpoint?: string) =>
    new ApiKeyService({ secrets, env, connection: () => ({ endpoint: endpoint ?? emu.baseUrl, apiVersion: 'v1beta' }) });

  it('reads the stored key first, then GEMINI_API_KEY', async () => {
    const secrets = new MemorySecrets();
    const service = serviceFor(secrets, { GEMINI_API_KEY: ' from-env ' });
    assert.deepEqual(await service.resolve(), { key: 'from-env', source: 'environment' });
    await service.setKey('  stored-key\n');
    assert.equal(secrets.values.get(API_KEY_SECRET), 'stored-key');
    assert.deepEqual(await service.resolve(), { key: 'stored-key', source: 'secretStorage' });
    await service.clearKey();
    assert.equal(await service.getKey(), 'from-env');
    assert.equal(await serviceFor().getKey(), undefined);
    assert.deepEqual(service.knownSecrets().sort(), ['from-env', 'stored-key'], 'every key seen stays redacted');
  });

  it('tells listeners when the key changes', async () => {
    const service = serviceFor();
    let changes = 0;
    const subscription = service.onDidChange(() => changes++);
    await service.setKey('a');
    await service.clearKey();
    subscription.dispose();
    await service.setKey('b');
    assert.equal(changes, 2);
  });

  it('validate: ok with one models.list item requested', async () => {
    const verdict = await serviceFor().validate(TEST_KEY);
    assert.equal(verdict.verdict, 'ok');
    assert.equal(emu.requests.length, 1);
    assert.equal(emu.requests[0].query.pageSize, '1');
    assert.equal(emu.requests[0].headers['x-goog-api-key'], TEST_KEY);
  });

  it('validate: invalid for a key Google rejects, without echoing it', async () => {
    const wrong = 'AIzaSyTotallyWrongKey_0000000000000000';
    const verdict = await serviceFor().validate(wrong);
    assert.equal(verdict.verdict, 'invalid');
    assert.ok(!verdict.message.includes(wrong));
    assert.equal((await serviceFor().validate('   ')).verdict, 'invalid');
  });

  it('validate: permission for a blocked key; ok (rate-limited) for a 429', async () => {
    emu.enqueue({ ...errors.permissionDenied('Your API key was reported as leaked. Please use another API key.'), route: 'models.list' });
    const blocked = await serviceFor().validate(TEST_KEY);
    assert.equal(blocked.verdict, 'permission');
    assert.match(blocked.message, /leaked/);
    emu.enqueue({ ...errors.quota(), route: 'models.list' });
    assert.equal((await serviceFor().validate(TEST_KEY)).verdict, 'ok');
  });

  it('validate: network when the endpoint cannot be reached', async () => {
    const verdict = await serviceFor(new MemorySecrets(), {}, 'http://127.0.0.1:1').validate(TEST_KEY);
    assert.equal(verdict.verdict, 'network');
    assert.match(verdict.message, /could not be checked/);
  });

  it('the client provider follows the key: missing → MissingApiKeyError, changed → new client', async () => {
    const secrets = new MemorySecrets();
    const service = serviceFor(secrets);
    const provider = cachedGenAIProvider(() => service.getKey(), () => ({ endpoint: emu.baseUrl, apiVersion: 'v1beta' }));
    await assert.rejects(provider(), { name: 'MissingApiKeyError' });
    await service.setKey(TEST_KEY);
    const first = await provider();
    assert.equal(await provider(), first, 'reused while nothing changed');
    await service.setKey('another-key');
    assert.notEqual(await provider(), first);
  });
});
