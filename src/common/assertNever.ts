// The end of an exhaustive switch over a union: the call only compiles when every member has its
// case, so a new message type without a handler is a compile error, not a silent "ok".

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
