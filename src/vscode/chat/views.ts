// Our views' ids and registration options, for the activation shell (extension.ts) and the glue.

/** The chat webview view in the Gemini activity-bar container (package.json contributes.views). */
export const CHAT_VIEW_ID = 'gemini.chatView';

/** The chat view's registration options: it rebuilds from the host's snapshot when shown again. */
export const CHAT_VIEW_OPTIONS = { webviewOptions: { retainContextWhenHidden: false } };
