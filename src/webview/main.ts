// Browser entry of the chat webview.
const app = document.getElementById('app');
if (app) {
  const heading = document.createElement('h2');
  heading.textContent = 'Ask Gemini about your code';
  app.append(heading);
}
