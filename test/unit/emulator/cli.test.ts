// The standalone emulator (`npm run emulator`): prints its URL and the setting to change, answers
// the SDK with the given key, and exits cleanly on Ctrl-C.
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as path from 'path';
import { GoogleGenAI } from '@google/genai';

describe('emulator: standalone CLI', () => {
  it('starts on the requested port, chats with the given key, stops on SIGINT', async function () {
    this.timeout(15000);
    const cli = path.resolve(__dirname, '..', '..', 'emulator', 'cli.js');
    const child = spawn(process.execPath, [cli, '--port', '0', '--key', 'cli-key'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      const baseUrl = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (piece: Buffer) => {
          output += piece.toString('utf8');
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\n[^\n]*\n/.exec(output);
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`emulator exited early (${code}): ${output}`)));
      });
      assert.match(output, /Set "gemini\.endpoint" to http:\/\/127\.0\.0\.1:\d+/);
      const ai = new GoogleGenAI({ apiKey: 'cli-key', httpOptions: { baseUrl } });
      assert.strictEqual((await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hello' })).text, 'You said: hello');
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      assert.strictEqual(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
