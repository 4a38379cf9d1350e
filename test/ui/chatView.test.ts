// The chat view as a person meets it: the Gemini icon in the activity bar opens a webview whose
// own document (inside VS Code's two iframes) renders the prompt, in the current colour theme.
import * as assert from 'node:assert/strict';
import { chatWebview, openGeminiView, screenshot, setColorTheme } from '../harness/ui';
import { uiSession } from '../harness/uiSession';

describe('chat view', () => {
  it('opens from the activity bar and shows "Ask Gemini about your code" inside the webview', async () => {
    const { page } = uiSession();
    await openGeminiView(page);
    await chatWebview(page).getByText('Ask Gemini about your code').waitFor({ state: 'visible', timeout: 30_000 });
  });

  const backgrounds: Record<string, string> = {};
  for (const kind of ['dark', 'light'] as const) {
    it(`follows the ${kind} colour theme (screenshot chat-view-${kind}.png)`, async () => {
      const { page } = uiSession();
      await setColorTheme(page, kind);
      await openGeminiView(page);
      const body = chatWebview(page).locator('body');
      // VS Code marks the webview body with the theme kind and feeds it the --vscode-* colours.
      await body.and(chatWebview(page).locator(`body.vscode-${kind}`)).waitFor({ timeout: 20_000 });
      // This file compiles without the DOM lib, hence globalThis.
      const background = await body.evaluate((el) => (globalThis as any).getComputedStyle(el).getPropertyValue('--vscode-sideBar-background').trim() as string);
      assert.match(background, /^#[0-9a-f]{6}/i, 'the webview received no --vscode-sideBar-background');
      backgrounds[kind] = background;
      if (backgrounds.dark && backgrounds.light) assert.notEqual(backgrounds.dark, backgrounds.light);
      await chatWebview(page).getByText('Ask Gemini about your code').waitFor({ state: 'visible' });
      await screenshot(page, `chat-view-${kind}`);
    });
  }
});
