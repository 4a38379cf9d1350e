// The one error the chat shows as it is: a request refused before any turn starts (an empty
// message, a file too large, no editor to insert into). The webview keeps the draft and shows the
// message; any other error is reported as a failure of the chat itself.

/** A request the controller refuses before any turn starts: the webview keeps the draft. */
export class ChatRejection extends Error {}
