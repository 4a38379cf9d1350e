// Browser entry of the chat webview: connect to the host, build the UI, then say `ready`; the host
// answers with a snapshot of the whole visible state.
import './l10nInit';
import type { HostMessage } from '../protocol/messages';
import { HostConnection } from './api';
import { ChatApp } from './app';

const root = document.getElementById('app');
if (root) {
  const host = new HostConnection();
  const app = new ChatApp(root, host);
  window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
    const message = event.data;
    if (message && typeof message === 'object' && typeof message.type === 'string') app.handle(message);
  });
  host.post({ type: 'ready' });
}
